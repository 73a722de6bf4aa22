using System.Xml.Linq;

namespace WebVirt.Testing;

// Domain XML for the test guest: TCG (this host's /dev/kvm cannot run Linux guests), ACPI so
// Shutdown() reaches the guest's acpid, VNC on loopback, and a serial pty with a log file that
// SerialLog can read.
public static class TestGuestDomainXml
{
    public const string KernelCommandLine = "console=tty0 console=ttyS0,115200n8";

    private const string SerialLogSuffix = ".serial.log";

    public static string SerialLogPath(string name, string runDirectory) => Path.Combine(runDirectory, name + SerialLogSuffix);

    /// <summary>The guest whose serial log <paramref name="serialLogPath"/> is (see SerialLogPath).</summary>
    public static string NameOfSerialLog(string serialLogPath) =>
        Path.GetFileName(serialLogPath) is { } file && file.EndsWith(SerialLogSuffix, StringComparison.Ordinal)
            ? file[..^SerialLogSuffix.Length]
            : throw new ArgumentException($"{serialLogPath} is not a test guest's serial log", nameof(serialLogPath));

    // Needs Kernel and Initrd copied into runDirectory.
    public static string DirectKernelBoot(string name, string runDirectory) =>
        Build(
            name,
            runDirectory,
            new XElement(
                "os",
                OsType(),
                new XElement("kernel", Path.Combine(runDirectory, TestGuestImages.Kernel)),
                new XElement("initrd", Path.Combine(runDirectory, TestGuestImages.Initrd)),
                new XElement("cmdline", KernelCommandLine)),
            extraDevices: []);

    // Needs Iso copied into runDirectory.
    public static string CdromBoot(string name, string runDirectory) =>
        Build(
            name,
            runDirectory,
            new XElement("os", OsType(), new XElement("boot", new XAttribute("dev", "cdrom"))),
            extraDevices:
            [
                new XElement(
                    "disk",
                    new XAttribute("type", "file"),
                    new XAttribute("device", "cdrom"),
                    new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                    new XElement("source", new XAttribute("file", Path.Combine(runDirectory, TestGuestImages.Iso))),
                    new XElement("target", new XAttribute("dev", "sda"), new XAttribute("bus", "sata")),
                    new XElement("readonly")),
            ]);

    private static XElement OsType() =>
        new("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", "pc"), "hvm");

    private static string Build(string name, string runDirectory, XElement os, XElement[] extraDevices)
    {
        var domain = new XElement(
            "domain",
            new XAttribute("type", "qemu"),
            new XElement("name", name),
            new XElement("memory", new XAttribute("unit", "MiB"), 256),
            new XElement("vcpu", 1),
            os,
            new XElement("features", new XElement("acpi")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            new XElement(
                "devices",
                extraDevices,
                new XElement(
                    "serial",
                    new XAttribute("type", "pty"),
                    new XElement("log", new XAttribute("file", SerialLogPath(name, runDirectory)), new XAttribute("append", "off")),
                    new XElement("target", new XAttribute("port", 0))),
                new XElement("console", new XAttribute("type", "pty"), new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0))),
                new XElement(
                    "graphics",
                    new XAttribute("type", "vnc"),
                    new XAttribute("autoport", "yes"),
                    new XAttribute("listen", "127.0.0.1"),
                    new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", "127.0.0.1"))),
                new XElement("video", new XElement("model", new XAttribute("type", "vga")))));
        return domain.ToString();
    }
}
