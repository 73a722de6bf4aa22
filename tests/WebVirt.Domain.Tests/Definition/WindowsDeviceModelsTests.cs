using System.Xml.Linq;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Definition;

/// <summary>
/// Windows guests: with the virtio driver ISO, virtio devices and the ISO as the second CD-ROM;
/// without it, a disk and a card Windows Setup has in-box drivers for. Other guests keep virtio.
/// </summary>
public sealed class WindowsDeviceModelsTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly string _driversPath;
    private readonly string _notIsoPath;

    public WindowsDeviceModelsTests()
    {
        _driversPath = _pool.PathOf("virtio-win.iso");
        _notIsoPath = _pool.PathOf("drivers.qcow2");
        File.WriteAllBytes(_driversPath, new byte[4096]);
        File.WriteAllBytes(_notIsoPath, new byte[4096]);
    }

    private HostLimits Host => Hosts.For(_pool) with
    {
        Pools = [_pool.Info with { Volumes = [.. _pool.Info.Volumes, new PoolVolume(_driversPath, "iso"), new PoolVolume(_notIsoPath, "qcow2")] }],
    };

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Windows_with_the_driver_iso_on_q35_gets_virtio_devices_and_the_iso_as_the_second_sata_cdrom()
    {
        XDocument xml = Build.Xml(Windows11() with { DriversIso = new DriversIso(FakePool.Name, _driversPath) }, _pool, Host);

        Assert.Equal("virtio", xml.Value("/domain/devices/disk[@device='disk']/target/@bus"));
        Assert.Equal("vda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal("virtio", xml.Value("/domain/devices/interface/model/@type"));
        var cdroms = xml.All("/domain/devices/disk[@device='cdrom']");
        Assert.Equal([_pool.IsoPath, _driversPath], cdroms.Select(c => (string?)c.Element("source")?.Attribute("file")));
        Assert.All(cdroms, c => Assert.Equal("sata", (string?)c.Element("target")?.Attribute("bus")));
        Assert.Equal(["sda", "sdb"], cdroms.Select(c => (string?)c.Element("target")?.Attribute("dev")));
        Assert.All(cdroms, c => Assert.NotNull(c.Element("readonly")));
        Assert.Equal(1, xml.Count("/domain/devices/input[@type='tablet'][@bus='usb']"));
        Assert.Equal(["cdrom", "hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Fact]
    public void Windows_without_the_driver_iso_on_q35_gets_a_sata_disk_an_e1000e_card_and_a_tablet()
    {
        XDocument xml = Build.Xml(Windows11(), _pool, Host);

        Assert.Equal("sata", xml.Value("/domain/devices/disk[@device='disk']/target/@bus"));
        Assert.Equal("sda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal("sdb", xml.Value("/domain/devices/disk[@device='cdrom']/target/@dev"));
        Assert.Equal(1, xml.Count("/domain/devices/disk[@device='cdrom']"));
        Assert.Equal("e1000e", xml.Value("/domain/devices/interface/model/@type"));
        Assert.Equal(1, xml.Count("/domain/devices/input[@type='tablet'][@bus='usb']"));
    }

    [Fact]
    public void Windows_without_the_driver_iso_on_i440fx_gets_ide_and_an_e1000_card()
    {
        XDocument xml = Build.Xml(Windows11() with { MachineType = "pc", Firmware = Firmware.Uefi }, _pool, Host);

        Assert.Equal("ide", xml.Value("/domain/devices/disk[@device='disk']/target/@bus"));
        Assert.Equal("hda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal("ide", xml.Value("/domain/devices/disk[@device='cdrom']/target/@bus"));
        Assert.Equal("hdb", xml.Value("/domain/devices/disk[@device='cdrom']/target/@dev"));
        Assert.Equal("e1000", xml.Value("/domain/devices/interface/model/@type"));
    }

    [Fact]
    public void Windows_with_the_driver_iso_on_i440fx_puts_both_cdroms_on_ide()
    {
        XDocument xml = Build.Xml(Windows11() with { MachineType = "pc", Firmware = Firmware.Uefi, DriversIso = new DriversIso(FakePool.Name, _driversPath) }, _pool, Host);

        Assert.Equal("vda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal(["hda", "hdb"], xml.All("/domain/devices/disk[@device='cdrom']/target").Select(t => (string?)t.Attribute("dev")));
        Assert.Equal(_driversPath, xml.Value("/domain/devices/disk[@device='cdrom'][target/@dev='hdb']/source/@file"));
    }

    [Fact]
    public void A_card_model_the_user_chose_is_kept_for_windows_without_drivers()
    {
        GuestSpec spec = Windows11();
        XDocument xml = Build.Xml(spec with { Nic = spec.Nic with { Model = "rtl8139" } }, _pool, Host);

        Assert.Equal("rtl8139", xml.Value("/domain/devices/interface/model/@type"));
    }

    [Theory]
    [InlineData("linux")]
    [InlineData(null)]
    public void Other_guests_keep_virtio_and_get_no_tablet(string? family)
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { OsFamily = family }, _pool, Host);

        Assert.Equal("virtio", xml.Value("/domain/devices/disk[@device='disk']/target/@bus"));
        Assert.Equal("vda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal("sda", xml.Value("/domain/devices/disk[@device='cdrom']/target/@dev"));
        Assert.Equal("virtio", xml.Value("/domain/devices/interface/model/@type"));
        Assert.Equal(0, xml.Count("/domain/devices/input"));
    }

    [Fact]
    public void An_imported_windows_disk_with_the_driver_iso_boots_from_virtio_with_the_iso_as_its_only_cdrom()
    {
        XDocument xml = Build.Xml(Specs.Import(_pool) with { OsVariant = "win10", OsFamily = "winnt", DriversIso = new DriversIso(FakePool.Name, _driversPath) }, _pool, Host);

        Assert.Equal(_pool.ImportPath, xml.Value("/domain/devices/disk[@device='disk'][target/@bus='virtio']/source/@file"));
        Assert.Equal(_driversPath, xml.Value("/domain/devices/disk[@device='cdrom']/source/@file"));
        Assert.Equal(["hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Fact]
    public void A_pxe_windows_install_takes_the_driver_iso()
    {
        XDocument xml = Build.Xml(Specs.Pxe(_pool) with { OsVariant = "win2k22", OsFamily = "winnt", DriversIso = new DriversIso(FakePool.Name, _driversPath) }, _pool, Host);

        Assert.Equal(_driversPath, xml.Value("/domain/devices/disk[@device='cdrom']/source/@file"));
        Assert.Equal(["network", "hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Fact]
    public void The_driver_iso_on_a_guest_that_is_not_windows_is_refused()
    {
        Refusal.Assert(Specs.Iso(_pool) with { OsFamily = "linux", DriversIso = new DriversIso(FakePool.Name, _driversPath) }, Host, "DriversIso", ValidationKeys.DriversIsoNotWindows);
        Refusal.Assert(Specs.Iso(_pool) with { OsVariant = null, DriversIso = new DriversIso(FakePool.Name, _driversPath) }, Host, "DriversIso", ValidationKeys.DriversIsoNotWindows);
    }

    [Fact]
    public void A_driver_volume_that_is_not_an_iso_is_refused_with_its_name_and_format()
    {
        ValidationProblem problem = Refusal.Assert(Windows11() with { DriversIso = new DriversIso(FakePool.Name, _notIsoPath) }, Host, "DriversIso.VolumePath", ValidationKeys.DriversIsoNotIso);

        Assert.Equal(["drivers.qcow2", "qcow2"], problem.Args.Select(a => a.ToString()));
    }

    [Fact]
    public void A_missing_driver_volume_or_pool_is_refused()
    {
        Refusal.Assert(Windows11() with { DriversIso = new DriversIso(FakePool.Name, _pool.PathOf("gone.iso")) }, Host, "DriversIso.VolumePath", ValidationKeys.VolumeUnknown);
        Refusal.Assert(Windows11() with { DriversIso = new DriversIso("no-such-pool", _driversPath) }, Host, "DriversIso.VolumePath", ValidationKeys.PoolUnknown);
        Refusal.Assert(Windows11() with { DriversIso = new DriversIso(FakePool.Name, "/etc/passwd") }, Host, "DriversIso.VolumePath", ValidationKeys.PathOutsidePool);
    }

    [Fact]
    public void The_driver_iso_with_a_network_install_is_refused()
    {
        Refusal.Assert(
            Specs.NetworkInstall(_pool) with { OsVariant = "win11", OsFamily = "winnt", DriversIso = new DriversIso(FakePool.Name, _driversPath) },
            Host,
            "DriversIso",
            ValidationKeys.DriversIsoSourceUnsupported);
    }

    [Fact]
    public void The_refusal_messages_are_worded_in_english_and_chinese()
    {
        foreach (string key in new[] { ValidationKeys.DriversIsoNotWindows, ValidationKeys.DriversIsoNotIso, ValidationKeys.DriversIsoSourceUnsupported })
        {
            string english = ValidationMessages.Template(key, System.Globalization.CultureInfo.GetCultureInfo("en"));
            string chinese = ValidationMessages.Template(key, System.Globalization.CultureInfo.GetCultureInfo("zh-Hans"));
            Assert.Contains("driver", english, StringComparison.Ordinal);
            Assert.Contains("驱动盘", chinese, StringComparison.Ordinal);
        }
    }

    private GuestSpec Windows11() => Specs.Iso(_pool) with
    {
        OsVariant = "win11",
        OsFamily = "winnt",
        MemoryMiB = 4096,
        Firmware = Firmware.UefiSecureBoot,
        Tpm = true,
    };
}
