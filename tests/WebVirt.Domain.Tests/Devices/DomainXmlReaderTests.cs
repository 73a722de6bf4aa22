using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

public sealed class DomainXmlReaderTests : IDisposable
{
    private readonly FakePool _pool = new();

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_built_guest_reads_back()
    {
        HostLimits host = Hosts.For(_pool);
        string xml = Build.Xml(Specs.Iso(_pool) with { VCpus = 2, MemoryMiB = 1536, Firmware = Firmware.Uefi }, _pool).ToString();
        DomainView view = DomainXmlReader.Read(xml);

        Assert.Equal("guest1", view.Name);
        Assert.Equal("kvm", view.Type);
        Assert.Equal("q35", view.MachineType);
        Assert.Equal("efi", view.Firmware);
        Assert.Equal("host-passthrough", view.CpuMode);
        Assert.Equal((2, 2), (view.MaximumVCpus, view.CurrentVCpus));
        Assert.Null(view.Topology);
        Assert.Equal((1536L, 1536L), (view.MaximumMemoryMiB, view.CurrentMemoryMiB));
        Assert.Equal(["cdrom", "hd"], view.BootOrder);
        Assert.False(view.BootMenu);
        Assert.Equal(new DiskView("disk", "virtio", "vda", _pool.PathOf("guest1.qcow2"), "qcow2", false, null), view.Disks[0]);
        Assert.Equal(new DiskView("cdrom", "sata", "sda", _pool.IsoPath, "raw", true, null), view.Disks[1]);
        NicView nic = Assert.Single(view.Nics);
        Assert.Equal(("network", "default", "virtio", true), (nic.SourceType, nic.SourceName, nic.Model, nic.LinkUp));
        Assert.Matches("^52:54:00", nic.Mac);
        Assert.Equal(["vnc"], view.Graphics);
        Assert.True(view.HasSerial);
        Assert.NotNull(host);
    }

    [Fact]
    public void Edits_show_up_in_the_view()
    {
        HostLimits host = Hosts.For(_pool);
        string xml = Build.Xml(Specs.Iso(_pool) with { MachineType = "pc" }, _pool).ToString();
        xml = Refused.Valid(DomainXmlEditor.SetVCpus(xml, new VCpuSpec(2, 4, 2, 2, 1), host));
        xml = Refused.Valid(DomainXmlEditor.SetBootOrder(xml, new BootOrderSpec([BootDevice.Hd], BootMenu: true)));
        xml = Refused.Valid(DomainXmlEditor.ChangeDisk(xml, new DiskSettingsSpec("vda", Cache: DiskCache.None), guestIsActive: false));
        string mac = DomainXmlReader.Read(xml).Nics[0].Mac!;
        var doc = System.Xml.Linq.XDocument.Parse(xml);
        doc.Root!.Element("devices")!.Element("interface")!.ReplaceWith(Refused.Valid(GuestDeviceBuilder.SetLinkState(xml, mac, up: false)));
        doc.Root.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom")
            .ReplaceWith(Refused.Valid(GuestDeviceBuilder.ChangeMedia(xml, "hda", null, host)));
        DomainView view = DomainXmlReader.Read(doc.ToString());

        Assert.Equal((4, 2), (view.MaximumVCpus, view.CurrentVCpus));
        Assert.Equal(new CpuTopology(2, 2, 1), view.Topology);
        Assert.Equal(["hd"], view.BootOrder);
        Assert.True(view.BootMenu);
        Assert.Equal("none", view.Disks[0].Cache);
        Assert.Null(view.Disks[1].SourcePath);
        Assert.False(view.Nics[0].LinkUp);
        Assert.Equal("bios", view.Firmware);
        Assert.Equal("pc", view.MachineType);
    }

    [Theory]
    [InlineData("<memory unit='KiB'>1048576</memory>", 1024)]
    [InlineData("<memory>2097152</memory>", 2048)]
    [InlineData("<memory unit='MiB'>512</memory>", 512)]
    [InlineData("<memory unit='G'>2</memory>", 2048)]
    [InlineData("<memory unit='bytes'>268435456</memory>", 256)]
    [InlineData("<memory unit='MB'>1000</memory>", 953)]
    public void Memory_units_are_converted(string memory, long mib) =>
        Assert.Equal(mib, DomainXmlReader.Read($"<domain type='qemu'><name>x</name>{memory}<os><type>hvm</type></os></domain>").MaximumMemoryMiB);

    [Fact]
    public void Other_sources_and_old_style_uefi_are_read()
    {
        const string xml = """
            <domain type='qemu'>
              <name>x</name>
              <vcpu current='1'>2</vcpu>
              <os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type><loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader></os>
              <devices>
                <disk type='block' device='disk'><source dev='/dev/vg/lv'/><target dev='sda' bus='scsi'/></disk>
                <disk type='volume' device='disk'><source pool='images' volume='a.qcow2'/><target dev='vda' bus='virtio'/></disk>
                <interface type='bridge'><mac address='52:54:00:00:00:01'/><source bridge='br0'/><link state='up'/></interface>
                <interface type='user'><mac address='52:54:00:00:00:02'/></interface>
                <graphics type='spice'/>
              </devices>
            </domain>
            """;
        DomainView view = DomainXmlReader.Read(xml);

        Assert.Equal("efi", view.Firmware);
        Assert.Equal((2, 1), (view.MaximumVCpus, view.CurrentVCpus));
        Assert.Equal(["/dev/vg/lv", "images/a.qcow2"], view.Disks.Select(d => d.SourcePath));
        Assert.Equal([("bridge", "br0"), ("user", (string?)null)], view.Nics.Select(n => (n.SourceType, n.SourceName)));
        Assert.Equal(["spice"], view.Graphics);
        Assert.False(view.HasSerial);
        Assert.Null(view.CpuMode);
    }

    [Fact]
    public void Non_domain_xml_is_refused() =>
        Assert.Throws<ArgumentException>(() => DomainXmlReader.Read("<network/>"));
}
