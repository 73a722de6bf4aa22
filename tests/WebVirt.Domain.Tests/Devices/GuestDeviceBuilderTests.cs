using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

public sealed class GuestDeviceBuilderTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;
    private readonly string _q35;
    private readonly string _pc;

    public GuestDeviceBuilderTests()
    {
        _host = Hosts.For(_pool);
        _q35 = Build.Xml(Specs.Iso(_pool), _pool).ToString();
        _pc = Build.Xml(Specs.Iso(_pool) with { MachineType = "pc" }, _pool).ToString();
    }

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_virtio_disk_gets_the_next_free_vd_name_and_the_volume_format()
    {
        XElement disk = Refused.Valid(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.ImportPath), _host));

        Assert.Equal("disk", (string?)disk.Attribute("device"));
        Assert.Equal(_pool.ImportPath, (string?)disk.Element("source")!.Attribute("file"));
        Assert.Equal("vdb", (string?)disk.Element("target")!.Attribute("dev"));
        Assert.Equal("virtio", (string?)disk.Element("target")!.Attribute("bus"));
        Assert.Equal("qcow2", (string?)disk.Element("driver")!.Attribute("type"));
        Assert.Null(disk.Element("driver")!.Attribute("cache"));
    }

    [Theory]
    [InlineData(DiskBus.Sata, "sdb", DiskCache.None, "none")]
    [InlineData(DiskBus.Scsi, "sdb", DiskCache.Writeback, "writeback")]
    [InlineData(DiskBus.Virtio, "vdb", DiskCache.Unsafe, "unsafe")]
    public void Sata_and_scsi_share_the_sd_names(DiskBus bus, string target, DiskCache cache, string cacheName)
    {
        // The q35 guest's CD-ROM is sda.
        XElement disk = Refused.Valid(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.DataPath, bus, cache), _host));

        Assert.Equal(target, (string?)disk.Element("target")!.Attribute("dev"));
        Assert.Equal("raw", (string?)disk.Element("driver")!.Attribute("type"));
        Assert.Equal(cacheName, (string?)disk.Element("driver")!.Attribute("cache"));
    }

    [Fact]
    public void Ide_disks_are_for_pc_guests_only()
    {
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.DataPath, DiskBus.Ide), _host), "Bus", ValidationKeys.DiskBusUnsupported);
        XElement disk = Refused.Valid(GuestDeviceBuilder.AttachDisk(_pc, new DiskAttachSpec(_pool.DataPath, DiskBus.Ide), _host));
        Assert.Equal("hdb", (string?)disk.Element("target")!.Attribute("dev"));
    }

    [Fact]
    public void Ide_has_four_slots()
    {
        XDocument domain = XDocument.Parse(_pc);
        foreach (string dev in (string[])["hdb", "hdc", "hdd"])
        {
            domain.Root!.Element("devices")!.Add(new XElement("disk", new XAttribute("device", "disk"), new XElement("target", new XAttribute("dev", dev), new XAttribute("bus", "ide"))));
        }

        Refused.Assert(GuestDeviceBuilder.AttachDisk(domain.ToString(), new DiskAttachSpec(_pool.DataPath, DiskBus.Ide), _host), "Bus", ValidationKeys.DiskTargetsExhausted);
    }

    [Fact]
    public void Disk_refusals()
    {
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec("/etc/shadow"), _host), "VolumePath", ValidationKeys.PathOutsidePools);
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.PathOf("missing.qcow2")), _host), "VolumePath", ValidationKeys.VolumeUnknown);
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.PathOf("../x.qcow2")), _host), "VolumePath", ValidationKeys.PathParentSegment);
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.ImportPath, (DiskBus)9), _host), "Bus", ValidationKeys.OptionInvalid);
        Refused.Assert(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.ImportPath, DiskBus.Virtio, (DiskCache)9), _host), "Cache", ValidationKeys.OptionInvalid);
        Refused.Assert(GuestDeviceBuilder.AttachDisk("<domain>", new DiskAttachSpec(_pool.ImportPath), _host), "Domain", ValidationKeys.XmlInvalid);
        Refused.Assert(GuestDeviceBuilder.AttachDisk("<network/>", new DiskAttachSpec(_pool.ImportPath), _host), "Domain", ValidationKeys.XmlInvalid);
    }

    [Fact]
    public void A_volume_already_attached_is_refused()
    {
        XDocument domain = XDocument.Parse(_q35);
        domain.Root!.Element("devices")!.Add(Refused.Valid(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(_pool.DataPath), _host)));

        ValidationProblem problem = Refused.Assert(GuestDeviceBuilder.AttachDisk(domain.ToString(), new DiskAttachSpec(_pool.DataPath), _host), "VolumePath", ValidationKeys.DiskAlreadyAttached);
        Assert.Equal("vdb", problem.Args[1]);
    }

    [Fact]
    public void A_cdrom_defaults_to_sata_on_q35_and_ide_on_pc()
    {
        XElement q35 = Refused.Valid(GuestDeviceBuilder.AttachCdrom(_q35, new CdromAttachSpec(_pool.IsoPath), _host));
        XElement pc = Refused.Valid(GuestDeviceBuilder.AttachCdrom(_pc, new CdromAttachSpec(null), _host));

        Assert.Equal(("sata", "sdb"), ((string?)q35.Element("target")!.Attribute("bus"), (string?)q35.Element("target")!.Attribute("dev")));
        Assert.Equal(_pool.IsoPath, (string?)q35.Element("source")!.Attribute("file"));
        Assert.NotNull(q35.Element("readonly"));
        Assert.Equal(("ide", "hdb"), ((string?)pc.Element("target")!.Attribute("bus"), (string?)pc.Element("target")!.Attribute("dev")));
        Assert.Null(pc.Element("source"));
        Assert.Equal("cdrom", (string?)pc.Attribute("device"));
    }

    [Fact]
    public void Cdrom_refusals()
    {
        Refused.Assert(GuestDeviceBuilder.AttachCdrom(_q35, new CdromAttachSpec(null, DiskBus.Virtio), _host), "Bus", ValidationKeys.DiskBusUnsupported);
        Refused.Assert(GuestDeviceBuilder.AttachCdrom(_q35, new CdromAttachSpec(null, DiskBus.Ide), _host), "Bus", ValidationKeys.DiskBusUnsupported);
        Refused.Assert(GuestDeviceBuilder.AttachCdrom(_q35, new CdromAttachSpec("/tmp/evil.iso"), _host), "IsoPath", ValidationKeys.PathOutsidePools);
    }

    [Fact]
    public void Insert_and_eject_keep_the_drive_and_change_only_the_source()
    {
        XElement ejected = Refused.Valid(GuestDeviceBuilder.ChangeMedia(_q35, "sda", null, _host));
        XElement inserted = Refused.Valid(GuestDeviceBuilder.ChangeMedia(_q35, "sda", _pool.DataPath, _host));

        Assert.Null(ejected.Element("source"));
        Assert.Equal("sda", (string?)ejected.Element("target")!.Attribute("dev"));
        Assert.Equal("sata", (string?)ejected.Element("target")!.Attribute("bus"));
        Assert.NotNull(ejected.Element("readonly"));
        Assert.Equal(_pool.DataPath, (string?)inserted.Element("source")!.Attribute("file"));
        Assert.Equal(["driver", "source", "target", "readonly"], inserted.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Media_refusals()
    {
        Refused.Assert(GuestDeviceBuilder.ChangeMedia(_q35, "vda", null, _host), "Target", ValidationKeys.CdromUnknown);
        Refused.Assert(GuestDeviceBuilder.ChangeMedia(_q35, "sdz", null, _host), "Target", ValidationKeys.CdromUnknown);
        Refused.Assert(GuestDeviceBuilder.ChangeMedia(_q35, "sda", "/srv/elsewhere.iso", _host), "IsoPath", ValidationKeys.PathOutsidePools);
    }

    [Fact]
    public void A_nic_gets_a_fresh_mac_unique_on_host_and_guest()
    {
        string own = (string)XDocument.Parse(_q35).Root!.Element("devices")!.Element("interface")!.Element("mac")!.Attribute("address")!;
        XElement nic = Refused.Valid(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.LibvirtNetwork("default"), "e1000e"), _host));

        string mac = (string)nic.Element("mac")!.Attribute("address")!;
        Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", mac);
        Assert.NotEqual(own, mac);
        Assert.NotEqual(Hosts.UsedMac, mac);
        Assert.Equal("network", (string?)nic.Attribute("type"));
        Assert.Equal("default", (string?)nic.Element("source")!.Attribute("network"));
        Assert.Equal("e1000e", (string?)nic.Element("model")!.Attribute("type"));
    }

    [Fact]
    public void A_bridge_nic_with_a_given_mac()
    {
        XElement nic = Refused.Valid(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.Bridge("br0"), "rtl8139", "52:54:00:12:34:AB"), _host));

        Assert.Equal("bridge", (string?)nic.Attribute("type"));
        Assert.Equal("br0", (string?)nic.Element("source")!.Attribute("bridge"));
        Assert.Equal("52:54:00:12:34:ab", (string?)nic.Element("mac")!.Attribute("address"));
    }

    [Fact]
    public void Nic_refusals()
    {
        string own = (string)XDocument.Parse(_q35).Root!.Element("devices")!.Element("interface")!.Element("mac")!.Attribute("address")!;
        var network = new GuestNetwork.LibvirtNetwork("default");
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(network, Mac: own.ToUpperInvariant()), _host), "Nic.Mac", ValidationKeys.MacDuplicate);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(network, Mac: Hosts.UsedMac), _host), "Nic.Mac", ValidationKeys.MacDuplicate);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(network, Mac: "03:00:00:00:00:01"), _host), "Nic.Mac", ValidationKeys.MacMulticast);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(network, Mac: "52:54:00:00:00"), _host), "Nic.Mac", ValidationKeys.MacMalformed);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(network, "ne2k_pci"), _host), "Nic.Model", ValidationKeys.NicModelUnknown);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.LibvirtNetwork("nope")), _host), "Nic.Network", ValidationKeys.NetworkUnknown);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.Bridge("br9")), _host), "Nic.Network", ValidationKeys.BridgeUnknown);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.None()), _host), "Nic.Network", ValidationKeys.Required);
    }

    [Fact]
    public void Link_state_is_set_on_the_interface_found_by_mac()
    {
        string own = (string)XDocument.Parse(_q35).Root!.Element("devices")!.Element("interface")!.Element("mac")!.Attribute("address")!;
        XElement down = Refused.Valid(GuestDeviceBuilder.SetLinkState(_q35, own.ToUpperInvariant(), up: false));

        Assert.Equal("down", (string?)down.Element("link")!.Attribute("state"));
        Assert.Equal(own, (string?)down.Element("mac")!.Attribute("address"));
        Assert.Equal("default", (string?)down.Element("source")!.Attribute("network"));

        var withDown = XDocument.Parse(_q35);
        withDown.Root!.Element("devices")!.Element("interface")!.ReplaceWith(down);
        XElement up = Refused.Valid(GuestDeviceBuilder.SetLinkState(withDown.ToString(), own, up: true));
        Assert.Single(up.Elements("link"));
        Assert.Equal("up", (string?)up.Element("link")!.Attribute("state"));
    }

    [Fact]
    public void Link_state_refusals()
    {
        Refused.Assert(GuestDeviceBuilder.SetLinkState(_q35, "52:54:00:99:99:99", up: false), "Mac", ValidationKeys.NicUnknown);
        Refused.Assert(GuestDeviceBuilder.SetLinkState(_q35, "not-a-mac", up: false), "Mac", ValidationKeys.MacMalformed);
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_are_refused_or_escaped(string nasty)
    {
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.LibvirtNetwork("default" + nasty)), _host), "Nic.Network", ValidationKeys.NetworkUnknown);
        Refused.Assert(GuestDeviceBuilder.AttachNic(_q35, new NicAttachSpec(new GuestNetwork.LibvirtNetwork("default"), "virtio" + nasty), _host), "Nic.Model", ValidationKeys.NicModelUnknown);
        Refused.Assert(GuestDeviceBuilder.SetLinkState(_q35, "52:54:00:00:00:0" + nasty, up: false), "Mac", ValidationKeys.MacMalformed);
        Refused.Assert(GuestDeviceBuilder.ChangeMedia(_q35, "sda" + nasty, null, _host), "Target", ValidationKeys.CdromUnknown);

        string path = _pool.PathOf("odd" + nasty.Replace('/', '_') + ".img");
        HostLimits host = _host with { Pools = [_pool.Info with { Volumes = [.. _pool.Info.Volumes, new PoolVolume(path, "raw")] }] };
        XElement disk = XElement.Parse(Refused.Valid(GuestDeviceBuilder.AttachDisk(_q35, new DiskAttachSpec(path), host)).ToString());
        Assert.Equal(path, (string?)disk.Element("source")!.Attribute("file"));
        XElement media = XElement.Parse(Refused.Valid(GuestDeviceBuilder.ChangeMedia(_q35, "sda", path, host)).ToString());
        Assert.Equal(path, (string?)media.Element("source")!.Attribute("file"));
    }
}
