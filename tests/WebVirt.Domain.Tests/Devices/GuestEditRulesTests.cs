using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

/// <summary>The rules behind the guest page's disk and NIC edits: removal, resize, sharing, new volumes, request words.</summary>
public sealed class GuestEditRulesTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;
    private readonly string _xml;

    public GuestEditRulesTests()
    {
        _host = Hosts.For(_pool);
        _xml = EditedGuestXml.Build(_pool.Directory).ToString();
    }

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Removal_finds_disks_by_target_and_cards_by_mac_in_any_case()
    {
        Assert.Equal("vdb", (string?)Refused.Valid(DeviceRemoval.Disk(_xml, "vdb")).Element("target")!.Attribute("dev"));
        Assert.Equal("cdrom", (string?)Refused.Valid(DeviceRemoval.Disk(_xml, "hdc")).Attribute("device"));
        Assert.Equal(EditedGuestXml.Mac, (string?)Refused.Valid(DeviceRemoval.Nic(_xml, EditedGuestXml.Mac.ToUpperInvariant())).Element("mac")!.Attribute("address"));

        Assert.Equal("vdz", Refused.Assert(DeviceRemoval.Disk(_xml, "vdz"), "Target", ValidationKeys.DiskUnknown).Args[0]);
        Refused.Assert(DeviceRemoval.Nic(_xml, "52:54:00:00:00:99"), "Mac", ValidationKeys.NicUnknown);
        Refused.Assert(DeviceRemoval.Nic(_xml, "52:54:00:zz:00:99"), "Mac", ValidationKeys.MacMalformed);
        Refused.Assert(DeviceRemoval.Disk("<domain", "vda"), "Domain", ValidationKeys.XmlInvalid);
    }

    [Fact]
    public void A_nic_update_changes_source_and_model_and_keeps_mac_and_address()
    {
        XElement nic = Refused.Valid(NicUpdate.Build(_xml, EditedGuestXml.Mac, new NicAttachSpec(new GuestNetwork.Bridge("br0"), "e1000"), _host));

        Assert.Equal("bridge", (string?)nic.Attribute("type"));
        Assert.Equal("br0", (string?)nic.Element("source")!.Attribute("bridge"));
        Assert.Null(nic.Element("source")!.Attribute("network"));
        Assert.Equal("e1000", (string?)nic.Element("model")!.Attribute("type"));
        Assert.Equal(EditedGuestXml.Mac, (string?)nic.Element("mac")!.Attribute("address"));
        Assert.Equal("0x03", (string?)nic.Element("address")!.Attribute("slot"));

        Refused.Assert(NicUpdate.Build(_xml, EditedGuestXml.Mac, new NicAttachSpec(new GuestNetwork.LibvirtNetwork("nowhere")), _host), "Nic.Network", ValidationKeys.NetworkUnknown);
        Refused.Assert(NicUpdate.Build(_xml, EditedGuestXml.Mac, new NicAttachSpec(new GuestNetwork.Bridge("br0"), "ne2k"), _host), "Nic.Model", ValidationKeys.NicModelUnknown);
        Refused.Assert(NicUpdate.Build(_xml, "52:54:00:00:00:99", new NicAttachSpec(new GuestNetwork.Bridge("br0")), _host), "Mac", ValidationKeys.NicUnknown);
    }

    [Fact]
    public void Disks_grow_only_and_within_their_pool()
    {
        ValidatedResize grown = Refused.Valid(DiskResize.Check("vda", 16 * MiB, 32 * MiB, _pool.Info));
        Assert.Equal((32 * MiB, 16 * MiB), (grown.NewCapacityBytes, grown.GrowthBytes));

        ValidationProblem shrink = Refused.Assert(DiskResize.Check("vda", 16 * MiB, 8 * MiB, _pool.Info), "NewSizeBytes", ValidationKeys.DiskResizeNotGrowing);
        Assert.Equal(
            "Disk vda is 16777216 bytes now; the new size of 8388608 bytes must be larger, disks can only grow.",
            shrink.Format(CultureInfo.GetCultureInfo("en")));
        Assert.Contains("16777216", shrink.Format(CultureInfo.GetCultureInfo("zh-Hans")), StringComparison.Ordinal);
        Refused.Assert(DiskResize.Check("vda", 16 * MiB, 16 * MiB, null), "NewSizeBytes", ValidationKeys.DiskResizeNotGrowing);
        Refused.Assert(DiskResize.Check("vda", 16 * MiB, FakePool.AvailableBytes + (32 * MiB), _pool.Info), "NewCapacityBytes", ValidationKeys.VolumeGrowthExceedsPoolFree);

        Assert.Equal(Path.Combine(_pool.Directory, "web1.qcow2"), Refused.Valid(DiskResize.FindFile(_xml, "vda")));
        Refused.Assert(DiskResize.FindFile(_xml, "hdc"), "Target", ValidationKeys.DiskNotResizable);
        Refused.Assert(DiskResize.FindFile(_xml, "vdq"), "Target", ValidationKeys.DiskUnknown);
    }

    [Fact]
    public void A_volume_written_by_another_guest_is_not_attached_and_a_shared_one_not_deleted()
    {
        string data = Path.Combine(_pool.Directory, "data.img");
        var disks = GuestDisks.Read("web1", _xml);
        Assert.Contains(new DiskReference("web1", data, true), disks);
        var usage = VolumeUsage.Build([.. disks, new DiskReference("db1", _pool.IsoPath, Writable: false)], []);

        var problems = new List<ValidationProblem>();
        Assert.False(usage.CheckAttachable(data, "web2", writable: true, "Volume", problems));
        Assert.True(usage.CheckAttachable(data, "web1", writable: true, "Volume", problems));
        Assert.True(usage.CheckAttachable(_pool.IsoPath, "web2", writable: false, "Volume", problems));
        ValidationProblem written = Assert.Single(problems);
        Assert.Equal((ValidationKeys.DiskWrittenByOtherGuest, "web1"), (written.Key, written.Args[1]));

        problems.Clear();
        Assert.True(usage.CheckDeletable(data, "web1", "DeleteVolume", problems));
        Assert.False(usage.CheckDeletable(_pool.IsoPath, "web1", "DeleteVolume", problems));
        Assert.Equal("db1", Assert.Single(problems).Args[1].ToString());
    }

    [Fact]
    public void A_new_volume_is_named_after_the_guest_and_its_target()
    {
        var problems = new List<ValidationProblem>();
        Assert.Equal("vdc", NewDiskPlan.Target(_xml, DiskBus.Virtio, problems));
        Assert.Equal("sda", NewDiskPlan.Target(_xml, DiskBus.Sata, problems));
        Assert.Empty(problems);

        Assert.Equal("web1-vdc.qcow2", NewDiskPlan.VolumeName("web1", "vdc", VolumeFormat.Qcow2, _pool.Info));
        StoragePoolInfo taken = _pool.Info with { Volumes = [.. _pool.Info.Volumes, new PoolVolume(_pool.PathOf("web1-vdc.img"), "raw")] };
        Assert.Equal("web1-vdc-2.img", NewDiskPlan.VolumeName("web1", "vdc", VolumeFormat.Raw, taken));
        string longName = new('g', 64);
        string cut = NewDiskPlan.VolumeName(longName, "vdc", VolumeFormat.Qcow2, _pool.Info);
        Assert.True(NameRules.IsValidIdentifier(cut), cut);
        Assert.EndsWith("-vdc.qcow2", cut, StringComparison.Ordinal);
    }

    [Fact]
    public void Request_words_map_to_libvirt_names_and_unknown_ones_are_refused()
    {
        var problems = new List<ValidationProblem>();
        Assert.Equal(DiskBus.Scsi, EditRequests.Bus("scsi", "Bus", problems));
        Assert.Null(EditRequests.Bus(null, "Bus", problems));
        Assert.Equal(DiskCache.Writeback, EditRequests.Cache("writeback", "Cache", problems));
        Assert.Equal(DiskCache.Default, EditRequests.Cache("default", "Cache", problems));
        Assert.Equal([BootDevice.Network, BootDevice.Hd], EditRequests.BootDevices(["network", "hd"], problems));
        Assert.Equal(VolumeFormat.Raw, EditRequests.NewVolumeFormat("raw", "Format", problems));
        Assert.Equal(new GuestNetwork.Bridge("br0"), EditRequests.Network("bridge", "br0", problems));
        Assert.Equal(_pool.IsoPath, EditRequests.Volume(FakePool.Name, "installer.iso", _host, "Volume", problems)?.Path);
        Assert.Empty(problems);

        Assert.Null(EditRequests.Bus("floppy", "Bus", problems));
        Assert.Null(EditRequests.Cache("none ", "Cache", problems));
        Assert.Empty(EditRequests.BootDevices(["fd"], problems));
        Assert.Null(EditRequests.NewVolumeFormat("iso", "Format", problems));
        Assert.Null(EditRequests.Network("direct", "eth0", problems));
        Assert.Null(EditRequests.Network("network", "", problems));
        Assert.Null(EditRequests.Volume("nopool", "x.iso", _host, "Volume", problems));
        Assert.Null(EditRequests.Volume(FakePool.Name, "missing.iso", _host, "Volume", problems));
        Assert.Equal(
            [ValidationKeys.OptionInvalid, ValidationKeys.OptionInvalid, ValidationKeys.OptionInvalid, ValidationKeys.OptionInvalid, ValidationKeys.OptionInvalid,
             ValidationKeys.Required, ValidationKeys.PoolUnknown, ValidationKeys.VolumeUnknown],
            problems.Select(p => p.Key));
    }

    [Fact]
    public void Hot_plug_is_for_virtio_and_scsi_disks() =>
        Assert.Equal([true, true, false, false], new[] { "virtio", "scsi", "sata", "ide" }.Select(HotPlug.DiskBus));
}
