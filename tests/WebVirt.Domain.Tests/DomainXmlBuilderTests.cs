using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

public sealed class DomainXmlBuilderTests : IDisposable
{
    private readonly FakePool _pool = new();

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Iso_install_on_q35_boots_cdrom_then_disk_with_a_sata_readonly_cdrom()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool), _pool);

        Assert.Equal("kvm", xml.Value("/domain/@type"));
        Assert.Equal("guest1", xml.Value("/domain/name"));
        Assert.Equal(["cdrom", "hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
        Assert.Equal("hvm", xml.Value("/domain/os/type"));
        Assert.Equal("q35", xml.Value("/domain/os/type/@machine"));
        Assert.Equal(_pool.IsoPath, xml.Value("/domain/devices/disk[@device='cdrom']/source/@file"));
        Assert.Equal("sata", xml.Value("/domain/devices/disk[@device='cdrom']/target/@bus"));
        Assert.Equal(1, xml.Count("/domain/devices/disk[@device='cdrom']/readonly"));
        Assert.Equal(_pool.PathOf("guest1.qcow2"), xml.Value("/domain/devices/disk[@device='disk']/source/@file"));
        Assert.Equal("qcow2", xml.Value("/domain/devices/disk[@device='disk']/driver/@type"));
        Assert.Equal("virtio", xml.Value("/domain/devices/disk[@device='disk']/target/@bus"));
        Assert.Equal("vda", xml.Value("/domain/devices/disk[@device='disk']/target/@dev"));
        Assert.Equal("virtio", xml.Value("/domain/devices/video/model/@type"));
    }

    [Fact]
    public void Iso_install_on_pc_uses_an_ide_cdrom_and_vga()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { MachineType = "pc" }, _pool);

        Assert.Equal("ide", xml.Value("/domain/devices/disk[@device='cdrom']/target/@bus"));
        Assert.Equal("hda", xml.Value("/domain/devices/disk[@device='cdrom']/target/@dev"));
        Assert.Equal("vga", xml.Value("/domain/devices/video/model/@type"));
    }

    [Fact]
    public void Memory_and_vcpus_are_written_in_KiB_and_count()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { MemoryMiB = 1536, VCpus = 3 }, _pool);

        Assert.Equal("1572864", xml.Value("/domain/memory[@unit='KiB']"));
        Assert.Equal("1572864", xml.Value("/domain/currentMemory[@unit='KiB']"));
        Assert.Equal("3", xml.Value("/domain/vcpu"));
    }

    [Fact]
    public void Network_install_boots_the_downloaded_kernel_with_the_tree_url_and_user_args()
    {
        XDocument xml = Build.Xml(Specs.NetworkInstall(_pool), _pool);

        Assert.Equal(_pool.PathOf("vmlinuz"), xml.Value("/domain/os/kernel"));
        Assert.Equal(_pool.PathOf("initrd.gz"), xml.Value("/domain/os/initrd"));
        Assert.Equal("method=http://deb.example.org/debian/dists/bookworm/main/installer-amd64/ console=ttyS0", xml.Value("/domain/os/cmdline"));
        Assert.Equal(0, xml.Count("/domain/devices/disk[@device='cdrom']"));
    }

    [Fact]
    public void Network_install_uses_the_installer_url_option_it_is_given()
    {
        ValidatedGuest guest = Build.Validated(Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall("https://example.org/os/", null) }, Hosts.For(_pool));
        XDocument xml = DomainXmlBuilder.Build(guest, Build.Context, new DirectKernelBoot(_pool.PathOf("k"), _pool.PathOf("i"), "inst.repo"));

        Assert.Equal("inst.repo=https://example.org/os/", xml.Value("/domain/os/cmdline"));
    }

    [Fact]
    public void Network_install_for_an_installer_that_finds_its_own_tree_passes_only_the_user_args()
    {
        ValidatedGuest guest = Build.Validated(Specs.NetworkInstall(_pool), Hosts.For(_pool));
        XDocument xml = DomainXmlBuilder.Build(guest, Build.Context, new DirectKernelBoot(_pool.PathOf("k"), _pool.PathOf("i"), urlArgument: null));

        Assert.Equal("console=ttyS0", xml.Value("/domain/os/cmdline"));
    }

    [Fact]
    public void The_installer_boot_stops_on_reboot_and_the_final_definition_boots_the_disk()
    {
        ValidatedGuest guest = Build.Validated(Specs.NetworkInstall(_pool), Hosts.For(_pool));
        XDocument install = DomainXmlBuilder.Build(guest, Build.Context, Build.Kernel(_pool));
        XDocument final = DomainXmlBuilder.Build(guest, Build.Context);

        Assert.Equal("destroy", install.Value("/domain/on_reboot"));
        Assert.Equal("restart", final.Value("/domain/on_reboot"));
        Assert.Equal(0, final.Count("/domain/os/kernel"));
        Assert.Equal(0, final.Count("/domain/os/cmdline"));
        Assert.Equal(["hd"], final.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Theory]
    [InlineData("relative/vmlinuz")]
    [InlineData("/boot/../etc/vmlinuz")]
    [InlineData("/boot/vmlinuz\n")]
    public void Direct_kernel_paths_must_be_clean_absolute_paths(string path) =>
        Assert.Throws<ArgumentException>(() => new DirectKernelBoot(path, "/boot/initrd"));

    [Fact]
    public void Import_boots_the_imported_disk_in_its_own_format()
    {
        XDocument xml = Build.Xml(Specs.Import(_pool), _pool);

        Assert.Equal(["hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
        XElement disk = Assert.Single(xml.All("/domain/devices/disk"));
        Assert.Equal(_pool.ImportPath, (string?)disk.Element("source")!.Attribute("file"));
        Assert.Equal("qcow2", (string?)disk.Element("driver")!.Attribute("type"));
    }

    [Fact]
    public void Import_with_an_extra_new_disk_keeps_the_imported_disk_first()
    {
        XDocument xml = Build.Xml(Specs.Import(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name, 2, DiskFormat.Raw) }, _pool);

        Assert.Equal(_pool.ImportPath, xml.Value("/domain/devices/disk[target/@dev='vda']/source/@file"));
        Assert.Equal(_pool.PathOf("guest1.img"), xml.Value("/domain/devices/disk[target/@dev='vdb']/source/@file"));
        Assert.Equal("raw", xml.Value("/domain/devices/disk[target/@dev='vdb']/driver/@type"));
    }

    [Fact]
    public void Pxe_boots_from_the_network_first()
    {
        XDocument xml = Build.Xml(Specs.Pxe(_pool), _pool);
        Assert.Equal(["network", "hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
    }

    [Fact]
    public void Pxe_without_a_disk_boots_only_from_the_network()
    {
        XDocument xml = Build.Xml(Specs.Pxe(_pool) with { Disk = new GuestDisk.None() }, _pool);
        Assert.Equal(["network"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));
        Assert.Equal(0, xml.Count("/domain/devices/disk"));
    }

    [Fact]
    public void A_template_source_is_built_by_the_clone_transformer_not_here()
    {
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool) with { Source = new GuestSource.FromTemplate(Hosts.TemplateUuid), Disk = new GuestDisk.None() }, Hosts.For(_pool));
        Assert.Throws<ArgumentException>(() => DomainXmlBuilder.Build(guest, Build.Context));
    }

    [Fact]
    public void A_libvirt_network_nic_gets_its_source_model_and_mac()
    {
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), "e1000e", "52:54:00:01:02:03") }, Hosts.For(_pool));
        XDocument xml = DomainXmlBuilder.Build(guest, Build.Context);

        Assert.Equal("network", xml.Value("/domain/devices/interface/@type"));
        Assert.Equal("default", xml.Value("/domain/devices/interface/source/@network"));
        Assert.Equal("e1000e", xml.Value("/domain/devices/interface/model/@type"));
        Assert.Equal("52:54:00:01:02:03", xml.Value("/domain/devices/interface/mac/@address"));
    }

    [Fact]
    public void A_bridge_nic_defaults_to_virtio_and_a_generated_mac()
    {
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.Bridge("br0")) }, Hosts.For(_pool));
        XDocument xml = DomainXmlBuilder.Build(guest, Build.Context);

        Assert.Equal("bridge", xml.Value("/domain/devices/interface/@type"));
        Assert.Equal("br0", xml.Value("/domain/devices/interface/source/@bridge"));
        Assert.Equal("virtio", xml.Value("/domain/devices/interface/model/@type"));
        Assert.Equal(guest.Mac, xml.Value("/domain/devices/interface/mac/@address"));
    }

    [Fact]
    public void No_network_means_no_interface() =>
        Assert.Equal(0, Build.Xml(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.None()) }, _pool).Count("/domain/devices/interface"));

    [Fact]
    public void Uefi_asks_libvirt_to_pick_the_firmware()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.Uefi }, _pool);
        Assert.Equal("efi", xml.Value("/domain/os/@firmware"));
        Assert.Null(xml.Value("/domain/os/loader"));
    }

    [Fact]
    public void Bios_has_no_firmware_attribute() =>
        Assert.Null(Build.Xml(Specs.Iso(_pool), _pool).Value("/domain/os/@firmware"));

    [Theory]
    [InlineData(CpuMode.HostPassthrough, "host-passthrough")]
    [InlineData(CpuMode.HostModel, "host-model")]
    [InlineData(CpuMode.Maximum, "maximum")]
    public void Cpu_modes_are_written_as_libvirt_names(CpuMode mode, string expected) =>
        Assert.Equal(expected, Build.Xml(Specs.Iso(_pool) with { CpuMode = mode }, _pool).Value("/domain/cpu/@mode"));

    [Fact]
    public void A_custom_cpu_names_its_model()
    {
        XDocument xml = Build.Xml(Specs.Emulated(Specs.Iso(_pool)) with { CpuMode = CpuMode.Custom, CustomCpuModel = "qemu64" }, _pool);
        Assert.Equal("custom", xml.Value("/domain/cpu/@mode"));
        Assert.Equal("qemu64", xml.Value("/domain/cpu/model"));
    }

    [Fact]
    public void Emulation_makes_a_qemu_domain_with_the_maximum_cpu()
    {
        XDocument xml = Build.Xml(Specs.Emulated(Specs.Iso(_pool)), _pool);
        Assert.Equal("qemu", xml.Value("/domain/@type"));
        Assert.Equal("maximum", xml.Value("/domain/cpu/@mode"));
    }

    [Fact]
    public void Fixed_devices_are_all_there()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool), _pool);

        Assert.Equal(1, xml.Count("/domain/features/acpi"));
        Assert.Equal(1, xml.Count("/domain/features/apic"));
        Assert.Equal("utc", xml.Value("/domain/clock/@offset"));
        Assert.Equal("destroy", xml.Value("/domain/on_poweroff"));
        Assert.Equal("restart", xml.Value("/domain/on_reboot"));
        Assert.Equal("destroy", xml.Value("/domain/on_crash"));
        Assert.Equal("pty", xml.Value("/domain/devices/serial/@type"));
        Assert.Equal("serial", xml.Value("/domain/devices/console[@type='pty']/target/@type"));
        Assert.Equal("org.qemu.guest_agent.0", xml.Value("/domain/devices/channel[@type='unix']/target[@type='virtio']/@name"));
        Assert.Equal("127.0.0.1", xml.Value("/domain/devices/graphics[@type='vnc']/@listen"));
        Assert.Equal("yes", xml.Value("/domain/devices/graphics[@type='vnc']/@autoport"));
        Assert.Equal("127.0.0.1", xml.Value("/domain/devices/graphics/listen[@type='address']/@address"));
        Assert.Equal("/dev/urandom", xml.Value("/domain/devices/rng[@model='virtio']/backend[@model='random']"));
        Assert.Equal(1, xml.Count("/domain/devices/memballoon[@model='virtio']"));
    }

    [Fact]
    public void A_given_uuid_is_written_and_none_is_left_to_libvirt()
    {
        var uuid = Guid.NewGuid();
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool), Hosts.For(_pool));

        Assert.Equal(uuid.ToString(), DomainXmlBuilder.Build(guest, Build.Context with { Uuid = uuid }).Value("/domain/uuid"));
        Assert.Null(DomainXmlBuilder.Build(guest, Build.Context).Value("/domain/uuid"));
    }

    [Fact]
    public void The_creation_record_is_in_the_webvirt_metadata()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool), _pool);
        WebVirtMetadata metadata = WebVirtMetadata.Read(xml)!;

        Assert.Equal(new WebVirtMetadata(SourceKinds.Iso, "debian11", "alice", Build.CreatedAt, "test guest", IsTemplate: false), metadata);
        Assert.Equal("test guest", xml.Value("/domain/description"));
    }

    [Theory]
    [InlineData("iso", SourceKinds.Iso)]
    [InlineData("net", SourceKinds.NetworkInstall)]
    [InlineData("import", SourceKinds.Import)]
    [InlineData("pxe", SourceKinds.Pxe)]
    public void Each_source_kind_is_recorded(string which, string kind)
    {
        GuestSpec spec = which switch
        {
            "iso" => Specs.Iso(_pool),
            "net" => Specs.NetworkInstall(_pool),
            "import" => Specs.Import(_pool),
            _ => Specs.Pxe(_pool),
        };
        Assert.Equal(kind, WebVirtMetadata.Read(Build.Xml(spec, _pool))!.SourceKind);
    }
}
