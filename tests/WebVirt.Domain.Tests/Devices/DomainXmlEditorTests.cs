using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

public sealed class DomainXmlEditorTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;
    private readonly string _q35;

    public DomainXmlEditorTests()
    {
        _host = Hosts.For(_pool);
        _q35 = Build.Xml(Specs.Iso(_pool), _pool).ToString();
    }

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Boot_order_replaces_os_boot_and_per_device_boot_elements()
    {
        XDocument source = XDocument.Parse(_q35);
        source.Root!.Element("devices")!.Element("disk")!.Add(new XElement("boot", new XAttribute("order", 1)));
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.SetBootOrder(source.ToString(), new BootOrderSpec([BootDevice.Network, BootDevice.Hd, BootDevice.Cdrom], BootMenu: true))));

        Assert.Equal(["network", "hd", "cdrom"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
        Assert.Equal("yes", xml.Value("/domain/os/bootmenu/@enable"));
        Assert.Equal(0, xml.Count("/domain/devices/*/boot"));
        Assert.Equal("type", xml.Root!.Element("os")!.Elements().First().Name.LocalName);
        Assert.Equal(XDocument.Parse(_q35).Root!.Element("devices")!.Elements().Count(), xml.Root.Element("devices")!.Elements().Count());
    }

    [Fact]
    public void The_boot_menu_can_be_turned_off() =>
        Assert.Equal("no", XDocument.Parse(Refused.Valid(DomainXmlEditor.SetBootOrder(_q35, new BootOrderSpec([BootDevice.Hd])))).Value("/domain/os/bootmenu/@enable"));

    [Fact]
    public void Boot_order_refusals()
    {
        Refused.Assert(DomainXmlEditor.SetBootOrder(_q35, new BootOrderSpec([])), "Devices", ValidationKeys.Required);
        Refused.Assert(DomainXmlEditor.SetBootOrder(_q35, new BootOrderSpec([BootDevice.Hd, BootDevice.Cdrom, BootDevice.Hd])), "Devices", ValidationKeys.BootDeviceDuplicate);
        Refused.Assert(DomainXmlEditor.SetBootOrder(_q35, new BootOrderSpec([(BootDevice)5])), "Devices", ValidationKeys.OptionInvalid);
        Refused.Assert(DomainXmlEditor.SetBootOrder("<domain", new BootOrderSpec([BootDevice.Hd])), "Domain", ValidationKeys.XmlInvalid);
    }

    [Fact]
    public void Vcpus_with_topology()
    {
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.SetVCpus(_q35, new VCpuSpec(2, 4, 1, 2, 2), _host)));

        Assert.Equal("4", xml.Value("/domain/vcpu"));
        Assert.Equal("2", xml.Value("/domain/vcpu/@current"));
        Assert.Equal("static", xml.Value("/domain/vcpu/@placement"));
        Assert.Equal("1", xml.Value("/domain/cpu/topology/@sockets"));
        Assert.Equal("2", xml.Value("/domain/cpu/topology/@cores"));
        Assert.Equal("2", xml.Value("/domain/cpu/topology/@threads"));
        Assert.Equal("host-passthrough", xml.Value("/domain/cpu/@mode"));
    }

    [Fact]
    public void Vcpus_without_topology_remove_the_old_one_and_an_equal_current()
    {
        string withTopology = Refused.Valid(DomainXmlEditor.SetVCpus(_q35, new VCpuSpec(2, 4, 2, 2, 1), _host));
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.SetVCpus(withTopology, new VCpuSpec(3, 3), _host)));

        Assert.Equal("3", xml.Value("/domain/vcpu"));
        Assert.Null(xml.Value("/domain/vcpu/@current"));
        Assert.Equal(0, xml.Count("/domain/cpu/topology"));
    }

    [Fact]
    public void A_topology_goes_after_the_cpu_model()
    {
        XDocument source = XDocument.Parse(_q35);
        source.Root!.Element("cpu")!.ReplaceWith(new XElement("cpu", new XAttribute("mode", "custom"), new XElement("model", "qemu64"), new XElement("feature", new XAttribute("policy", "require"), new XAttribute("name", "x2apic"))));
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.SetVCpus(source.ToString(), new VCpuSpec(2, 2, 2, 1, 1), _host)));

        Assert.Equal(["model", "topology", "feature"], xml.Root!.Element("cpu")!.Elements().Select(e => e.Name.LocalName));
    }

    [Theory]
    [InlineData(2, 4, 2, 2, 2, ValidationKeys.CpuTopologyMismatch, "Topology")]
    [InlineData(4, 4, 1, 3, 1, ValidationKeys.CpuTopologyMismatch, "Topology")]
    [InlineData(4, 4, 2, null, 2, ValidationKeys.CpuTopologyIncomplete, "Topology")]
    [InlineData(4, 4, 0, 4, 1, ValidationKeys.CpuTopologyIncomplete, "Topology")]
    [InlineData(3, 2, null, null, null, ValidationKeys.VCpusCurrentAboveMax, "Current")]
    [InlineData(0, 2, null, null, null, ValidationKeys.VCpusOutOfRange, "Current")]
    [InlineData(1, 5, null, null, null, ValidationKeys.VCpusOutOfRange, "Maximum")]
    public void Vcpu_refusals(int current, int maximum, int? sockets, int? cores, int? threads, string key, string field) =>
        Refused.Assert(DomainXmlEditor.SetVCpus(_q35, new VCpuSpec(current, maximum, sockets, cores, threads), _host), field, key);

    [Fact]
    public void A_topology_mismatch_names_the_numbers()
    {
        ValidationProblem problem = Refused.Assert(DomainXmlEditor.SetVCpus(_q35, new VCpuSpec(4, 4, 2, 2, 2), _host), "Topology", ValidationKeys.CpuTopologyMismatch);
        Assert.Equal("2 sockets × 2 cores × 2 threads = 8, but the maximum vCPUs is 4; they must be equal.", problem.ToString()["Topology: ".Length..]);
    }

    [Fact]
    public void Memory_is_written_in_KiB()
    {
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.SetMemory(_q35, new MemorySpec(1024, 2048), _host)));

        Assert.Equal("2097152", xml.Value("/domain/memory[@unit='KiB']"));
        Assert.Equal("1048576", xml.Value("/domain/currentMemory[@unit='KiB']"));
        Assert.Equal(1, xml.Count("/domain/memory"));
        Assert.Equal(1, xml.Count("/domain/currentMemory"));
        Assert.Equal("currentMemory", ((XElement)xml.Root!.Element("memory")!.NextNode!).Name.LocalName);
    }

    [Theory]
    [InlineData(2048, 1024, "CurrentMiB", ValidationKeys.MemoryCurrentAboveMax)]
    [InlineData(32, 1024, "CurrentMiB", ValidationKeys.MemoryCurrentTooSmall)]
    [InlineData(64, 63, "MaximumMiB", ValidationKeys.MemoryMaximumOutOfRange)]
    [InlineData(1024, 8193, "MaximumMiB", ValidationKeys.MemoryMaximumOutOfRange)]
    public void Memory_refusals(long current, long maximum, string field, string key) =>
        Refused.Assert(DomainXmlEditor.SetMemory(_q35, new MemorySpec(current, maximum), _host), field, key);

    [Theory]
    [InlineData("en", "Current memory must be at least 64 MiB; got 0 MiB.", "Maximum memory must be between 64 MiB and the host's 8192 MiB; got 0 MiB.")]
    [InlineData("zh-Hans", "当前内存至少为 64 MiB；输入的是 0 MiB。", "最大内存必须在 64 MiB 与主机的 8192 MiB 之间；输入的是 0 MiB。")]
    public void Zero_memory_gets_one_message_per_value_that_says_which_value(string culture, string current, string maximum)
    {
        var result = DomainXmlEditor.SetMemory(_q35, new MemorySpec(0, 0), _host);

        Assert.False(result.IsValid);
        var language = System.Globalization.CultureInfo.GetCultureInfo(culture);
        Assert.Equal([("CurrentMiB", current), ("MaximumMiB", maximum)], result.Problems.Select(p => (p.Field, p.Format(language))).OrderBy(p => p.Field));
    }

    [Fact]
    public void A_disk_bus_change_picks_a_target_of_the_new_bus_and_drops_the_address()
    {
        XDocument source = XDocument.Parse(_q35);
        source.Root!.Element("devices")!.Element("disk")!.Add(new XElement("address", new XAttribute("type", "pci"), new XAttribute("bus", "0x04")));
        XDocument xml = XDocument.Parse(Refused.Valid(DomainXmlEditor.ChangeDisk(source.ToString(), new DiskSettingsSpec("vda", DiskBus.Sata, DiskCache.Writethrough), guestIsActive: false)));

        XElement disk = xml.All("/domain/devices/disk[@device='disk']").Single();
        Assert.Equal("sdb", (string?)disk.Element("target")!.Attribute("dev"));
        Assert.Equal("sata", (string?)disk.Element("target")!.Attribute("bus"));
        Assert.Null(disk.Element("address"));
        Assert.Equal("writethrough", (string?)disk.Element("driver")!.Attribute("cache"));
        Assert.Equal("qcow2", (string?)disk.Element("driver")!.Attribute("type"));
    }

    [Fact]
    public void A_cache_change_alone_keeps_the_target_and_default_removes_the_attribute()
    {
        string direct = Refused.Valid(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vda", Cache: DiskCache.Directsync), guestIsActive: false));
        Assert.Equal("directsync", XDocument.Parse(direct).Value("/domain/devices/disk[target/@dev='vda']/driver/@cache"));

        XDocument back = XDocument.Parse(Refused.Valid(DomainXmlEditor.ChangeDisk(direct, new DiskSettingsSpec("vda", DiskBus.Virtio, DiskCache.Default), guestIsActive: false)));
        Assert.Null(back.Value("/domain/devices/disk[target/@dev='vda']/driver/@cache"));
    }

    [Fact]
    public void Disk_change_refusals()
    {
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vda", DiskBus.Sata), guestIsActive: true), "Domain", ValidationKeys.DomainMustBeShutOff);
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vdz", DiskBus.Sata), guestIsActive: false), "Target", ValidationKeys.DiskUnknown);
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vda", DiskBus.Ide), guestIsActive: false), "Bus", ValidationKeys.DiskBusUnsupported);
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("sda", DiskBus.Virtio), guestIsActive: false), "Bus", ValidationKeys.DiskBusUnsupported);
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vda", Cache: (DiskCache)99), guestIsActive: false), "Cache", ValidationKeys.OptionInvalid);
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_in_targets_are_refused(string nasty) =>
        Refused.Assert(DomainXmlEditor.ChangeDisk(_q35, new DiskSettingsSpec("vda" + nasty, Cache: DiskCache.None), guestIsActive: false), "Target", ValidationKeys.DiskUnknown);

    [Fact]
    public void Edits_keep_the_rest_of_the_domain()
    {
        string edited = Refused.Valid(DomainXmlEditor.SetMemory(_q35, new MemorySpec(1024, 1024), _host));

        Assert.Equal(XmlDiff.Normalize(_q35), XmlDiff.Normalize(edited));
    }
}
