using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Testing;

public sealed class TestGuestDomainXmlTests
{
    [Fact]
    public void Direct_kernel_boot_uses_tcg_acpi_loopback_vnc_and_a_serial_log()
    {
        XElement domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot("wvt-0000-x", "/run/dir"));

        Assert.Equal("qemu", (string?)domain.Attribute("type"));
        Assert.Equal("wvt-0000-x", (string?)domain.Element("name"));
        Assert.NotNull(domain.Element("features")?.Element("acpi"));
        XElement os = domain.Element("os")!;
        Assert.Equal("pc", (string?)os.Element("type")?.Attribute("machine"));
        Assert.Equal("/run/dir/testguest-vmlinuz", (string?)os.Element("kernel"));
        Assert.Equal("/run/dir/testguest-initrd.img", (string?)os.Element("initrd"));
        Assert.Equal("console=tty0 console=ttyS0,115200n8", (string?)os.Element("cmdline"));
        XElement devices = domain.Element("devices")!;
        Assert.Equal("127.0.0.1", (string?)devices.Element("graphics")?.Attribute("listen"));
        XElement log = devices.Element("serial")!.Element("log")!;
        Assert.Equal("/run/dir/wvt-0000-x.serial.log", (string?)log.Attribute("file"));
        Assert.Equal("off", (string?)log.Attribute("append"));
    }

    [Fact]
    public void A_serial_log_path_gives_back_its_guests_name_and_another_file_is_refused()
    {
        Assert.Equal("wvt-0000-mig-copy", TestGuestDomainXml.NameOfSerialLog(TestGuestDomainXml.SerialLogPath("wvt-0000-mig-copy", "/run/dir")));
        ArgumentException error = Assert.Throws<ArgumentException>(() => TestGuestDomainXml.NameOfSerialLog("/run/dir/wvt-0000-x.qcow2"));
        Assert.Contains("/run/dir/wvt-0000-x.qcow2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cdrom_boot_attaches_the_run_copy_of_the_iso_read_only()
    {
        XElement domain = XElement.Parse(TestGuestDomainXml.CdromBoot("wvt-0000-cd", "/run/dir"));

        XElement disk = Assert.Single(domain.Element("devices")!.Elements("disk"));
        Assert.Equal("cdrom", (string?)disk.Attribute("device"));
        Assert.Equal("/run/dir/testguest.iso", (string?)disk.Element("source")?.Attribute("file"));
        Assert.NotNull(disk.Element("readonly"));
        Assert.Equal("cdrom", (string?)domain.Element("os")?.Element("boot")?.Attribute("dev"));
        Assert.Null(domain.Element("os")?.Element("kernel"));
    }

    [Fact]
    public void Names_are_escaped_by_the_xml_api()
    {
        XElement domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot("wvt-<&>", "/run/dir"));

        Assert.Equal("wvt-<&>", (string?)domain.Element("name"));
    }

    [Fact]
    public void Run_prefix_is_in_the_common_namespace()
    {
        Assert.StartsWith(TestRun.CommonPrefix, TestRun.Prefix, StringComparison.Ordinal);
        Assert.StartsWith(TestRun.Prefix, TestRun.GuestName("x"), StringComparison.Ordinal);
    }
}
