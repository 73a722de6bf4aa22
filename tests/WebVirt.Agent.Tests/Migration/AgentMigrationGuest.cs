using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

// The test guest as the agent's migration tests run it (as the libvirt layer's MigrationGuest, but defined): direct kernel boot from the shared folder, 256 MiB,
// one qcow2 disk (cache='none', as migrations with a shared disk want it), and a serial log in the
// shared folder with append='on', so the virtlogd of whichever host runs the guest keeps adding to
// one file. Once booted, SerialTicker's loop in the guest prints "TICK <uptime>" there every second: ticks that
// go on growing after a migration show the same kernel kept running.
internal sealed class AgentMigrationGuest
{
    public const string DiskTarget = "vda";
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly TimeSpan s_bootTimeout = TimeSpan.FromSeconds(120);

    private AgentMigrationGuest(string name, string diskPath, string serialLog, string xml)
    {
        Name = name;
        DiskPath = diskPath;
        SerialLog = serialLog;
        Xml = xml;
    }

    public string Name { get; }

    public string DiskPath { get; }

    public string SerialLog { get; }

    public string Xml { get; }

    /// <summary>A guest whose disk is a copy of the test guest's qcow2 at <paramref name="diskPath"/> (made here), named with <paramref name="prefix"/> (the fixture's by default).</summary>
    public static async Task<AgentMigrationGuest> PrepareAsync(string purpose, string sharedDirectory, string diskPath, string? prefix = null)
    {
        string name = (prefix ?? AgentMigrationFixture.Prefix) + purpose;
        string image = Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk);
        File.Copy(image, diskPath, overwrite: true);
        File.SetUnixFileMode(diskPath, FileMode);
        string serialLog = TestGuestDomainXml.SerialLogPath(name, sharedDirectory);
        File.Delete(serialLog);

        XElement domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, sharedDirectory));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        domain.Element("devices")!.AddFirst(
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2"), new XAttribute("cache", "none")),
                new XElement("source", new XAttribute("file", diskPath)),
                new XElement("target", new XAttribute("dev", DiskTarget), new XAttribute("bus", "virtio"))));
        return new AgentMigrationGuest(name, diskPath, serialLog, domain.ToString());
    }

    /// <summary>Defines the guest (persistent, as the product's guests are) on <paramref name="connection"/>, shut off.</summary>
    public string Define(LibvirtConnection connection)
    {
        using LibvirtDomain domain = connection.DefineDomainXml(Xml);
        return domain.Uuid;
    }

    /// <summary>Defines and starts the guest on <paramref name="connection"/>, waits for its shell and starts the ticker; its UUID.</summary>
    public async Task<string> BootAsync(LibvirtConnection connection)
    {
        using LibvirtDomain domain = connection.DefineDomainXml(Xml);
        domain.Create();
        await WebVirt.Testing.SerialLog.WaitForAsync(SerialLog, "webvirt-testguest:", s_bootTimeout);
        await SerialTicker.StartAsync(domain, SerialLog);
        return domain.Uuid;
    }

    /// <summary>Every uptime the guest printed so far, in order.</summary>
    public IReadOnlyList<double> Ticks() => SerialTicker.Ticks(SerialLog);

    public double LastTick() => SerialTicker.LastTick(SerialLog);

    /// <summary>
    /// Waits for a tick later than <paramref name="before"/> and checks that the uptimes never went
    /// back (a reboot would start them again near zero).
    /// </summary>
    public Task<double> WaitForTickAfterAsync(double before) => SerialTicker.WaitForTickAfterAsync(SerialLog, before);

    /// <summary>Waits for a tick later than every one printed so far (after a migration: one printed on the destination).</summary>
    public Task<double> WaitForNextTickAsync() => SerialTicker.WaitForNextTickAsync(SerialLog);
}
