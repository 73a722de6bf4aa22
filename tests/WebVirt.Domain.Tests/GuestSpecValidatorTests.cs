using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

public sealed class GuestSpecValidatorTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public GuestSpecValidatorTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void A_valid_spec_passes_and_resolves_disk_cdrom_and_mac()
    {
        GuestValidationResult result = GuestSpecValidator.Validate(Specs.Iso(_pool), _host);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        ValidatedGuest guest = result.Guest!;
        Assert.Equal(_pool.IsoPath, guest.CdromPath);
        Assert.Equal(Path.Combine(_pool.Directory, "guest1.qcow2"), Assert.Single(guest.Disks).Path);
        Assert.Equal(10L << 30, guest.NewVolume!.CapacityBytes);
        Assert.Matches("^52:54:00(:[0-9a-f]{2}){3}$", guest.Mac);
        Assert.NotEqual(Hosts.UsedMac, guest.Mac);
        Assert.Equal(CpuMode.HostPassthrough, guest.CpuMode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("a<b")]
    [InlineData("trailing-newline\n")]
    [InlineData("ünicode")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345")]
    public void Invalid_names_are_refused(string name) =>
        Refusal.Assert(Specs.Iso(_pool) with { Name = name }, _host, "Name", ValidationKeys.NameInvalid);

    [Fact]
    public void Sixty_four_character_names_are_accepted() =>
        Assert.True(GuestSpecValidator.Validate(Specs.Iso(_pool, new string('a', 64)), _host).IsValid);

    [Fact]
    public void A_duplicate_name_is_refused()
    {
        ValidationProblem problem = Refusal.Assert(Specs.Iso(_pool, Hosts.ExistingGuest), _host, "Name", ValidationKeys.NameDuplicate);
        Assert.Equal(Hosts.ExistingGuest, problem.Args[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(5)]
    public void VCpus_outside_one_to_host_cpus_are_refused(int vcpus) =>
        Refusal.Assert(Specs.Iso(_pool) with { VCpus = vcpus }, _host, "VCpus", ValidationKeys.VCpusOutOfRange);

    [Fact]
    public void Memory_below_64_MiB_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { MemoryMiB = 63 }, _host, "MemoryMiB", ValidationKeys.MemoryTooSmall);

    [Fact]
    public void Memory_above_the_host_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { MemoryMiB = 8193 }, _host, "MemoryMiB", ValidationKeys.MemoryTooLarge);

    [Fact]
    public void Memory_equal_to_the_host_is_accepted() =>
        Assert.True(GuestSpecValidator.Validate(Specs.Iso(_pool) with { MemoryMiB = 8192 }, _host).IsValid);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_disk_larger_than_the_pool_free_space_is_refused_thin_or_not(bool thin)
    {
        GuestSpec spec = Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name, 51, DiskFormat.Qcow2, thin) };
        ValidationProblem problem = Refusal.Assert(spec, _host, "Disk.SizeGiB", ValidationKeys.DiskExceedsPoolFree);
        Assert.Equal([51L, FakePool.Name, 50L], problem.Args);
        Assert.Contains("Thin", problem.DefaultMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_exactly_the_pool_free_space_is_accepted() =>
        Assert.True(GuestSpecValidator.Validate(Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name, 50) }, _host).IsValid);

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void A_non_positive_disk_size_is_refused(long size) =>
        Refusal.Assert(Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name, size) }, _host, "Disk.SizeGiB", ValidationKeys.DiskSizeInvalid);

    [Fact]
    public void A_new_volume_in_an_unknown_pool_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume("nope", 1) }, _host, "Disk.Pool", ValidationKeys.PoolUnknown);

    [Fact]
    public void A_new_volume_whose_file_exists_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool, "import"), _host, "Disk.Pool", ValidationKeys.VolumeExists);

    [Fact]
    public void A_raw_new_volume_gets_an_img_file_and_raw_driver()
    {
        ValidatedGuest guest = Build.Validated(Specs.Iso(_pool) with { Disk = new GuestDisk.NewVolume(FakePool.Name, 1, DiskFormat.Raw, Thin: false) }, _host);
        Assert.Equal(new ResolvedDisk(_pool.PathOf("guest1.img"), "raw"), Assert.Single(guest.Disks));
        Assert.False(guest.NewVolume!.Thin);
    }

    [Theory]
    [InlineData("file:///etc/passwd", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("gopher://example.org/", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("javascript://example.org/%0aalert(1)", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("smb://server/share", ValidationKeys.UrlSchemeNotAllowed)]
    [InlineData("not a url", ValidationKeys.UrlMalformed)]
    [InlineData("http://", ValidationKeys.UrlMalformed)]
    [InlineData("http:/example.org/tree", ValidationKeys.UrlMalformed)]
    [InlineData("/srv/tree", ValidationKeys.UrlMalformed)]
    [InlineData("http://exa mple.org/", ValidationKeys.UrlMalformed)]
    [InlineData("", ValidationKeys.Required)]
    public void Bad_install_urls_are_refused(string url, string key) =>
        Refusal.Assert(Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall(url, null) }, _host, "Source.Url", key);

    [Theory]
    [InlineData("http://deb.debian.org/debian/")]
    [InlineData("https://mirror.example.org/fedora/os/")]
    [InlineData("ftp://ftp.example.org/pub/centos/")]
    [InlineData("nfs://nfs.example.org/export/tree")]
    [InlineData("HTTP://UPPER.example.org/")]
    public void Allowed_url_schemes_pass(string url) =>
        Assert.True(GuestSpecValidator.Validate(Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall(url, null) }, _host).IsValid);

    [Fact]
    public void An_iso_outside_every_pool_is_refused()
    {
        string outside = Path.Combine(Path.GetTempPath(), "elsewhere.iso");
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, outside) }, _host, "Source.VolumePath", ValidationKeys.PathOutsidePool);
    }

    [Fact]
    public void An_iso_path_climbing_out_with_dot_dot_is_refused() =>
        Refusal.Assert(
            Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, _pool.Directory + "/../../etc/shadow") },
            _host,
            "Source.VolumePath",
            ValidationKeys.PathParentSegment);

    [Fact]
    public void A_relative_iso_path_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, "installer.iso") }, _host, "Source.VolumePath", ValidationKeys.PathNotAbsolute);

    [Fact]
    public void A_pool_sibling_with_the_same_prefix_is_outside_the_pool() =>
        Refusal.Assert(
            Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, _pool.Directory + "-evil/x.iso") },
            _host,
            "Source.VolumePath",
            ValidationKeys.PathOutsidePool);

    [Fact]
    public void An_iso_from_an_unknown_pool_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume("nope", _pool.IsoPath) }, _host, "Source.VolumePath", ValidationKeys.PoolUnknown);

    [Fact]
    public void An_iso_libvirt_does_not_know_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.IsoVolume(FakePool.Name, _pool.PathOf("missing.iso")) }, _host, "Source.VolumePath", ValidationKeys.VolumeUnknown);

    [Fact]
    public void An_imported_disk_outside_every_pool_is_refused() =>
        Refusal.Assert(Specs.Import(_pool) with { Source = new GuestSource.ImportDisk("/etc/passwd") }, _host, "Source.VolumePath", ValidationKeys.PathOutsidePools);

    [Fact]
    public void An_existing_disk_outside_every_pool_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Disk = new GuestDisk.ExistingVolume("/var/lib/other/disk.qcow2") }, _host, "Disk.Path", ValidationKeys.PathOutsidePools);

    [Fact]
    public void An_existing_disk_inside_a_pool_uses_the_volume_format()
    {
        ValidatedGuest guest = Build.Validated(Specs.Pxe(_pool) with { Disk = new GuestDisk.ExistingVolume(_pool.DataPath) }, _host);
        Assert.Equal(new ResolvedDisk(_pool.DataPath, "raw"), Assert.Single(guest.Disks));
        Assert.Null(guest.NewVolume);
    }

    [Theory]
    [InlineData("52:54:00:12:34")]
    [InlineData("52:54:00:12:34:5g")]
    [InlineData("52-54-00-12-34-56")]
    [InlineData("525400123456")]
    [InlineData("00:00:00:00:00:00")]
    [InlineData("52:54:00:12:34:56\n")]
    [InlineData("52:54:00:12:34:56'/><x a='")]
    public void Malformed_macs_are_refused(string mac) =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), Mac: mac) }, _host, "Nic.Mac", ValidationKeys.MacMalformed);

    [Theory]
    [InlineData("01:00:5e:00:00:01")]
    [InlineData("ff:ff:ff:ff:ff:ff")]
    [InlineData("53:54:00:12:34:56")]
    public void Multicast_macs_are_refused(string mac) =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), Mac: mac) }, _host, "Nic.Mac", ValidationKeys.MacMulticast);

    [Fact]
    public void A_mac_in_use_is_refused_whatever_its_case() =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), Mac: "52:54:00:AA:BB:CC") }, _host, "Nic.Mac", ValidationKeys.MacDuplicate);

    [Fact]
    public void A_user_mac_is_kept_in_lower_case() =>
        Assert.Equal("52:54:00:0a:0b:0c", Build.Validated(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.Bridge("br0"), Mac: "52:54:00:0A:0B:0C") }, _host).Mac);

    [Fact]
    public void An_unknown_network_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("isolated")) }, _host, "Nic.Network", ValidationKeys.NetworkUnknown);

    [Fact]
    public void An_unknown_bridge_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.Bridge("br9")) }, _host, "Nic.Network", ValidationKeys.BridgeUnknown);

    [Fact]
    public void An_unknown_nic_model_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("default"), "ne2k_isa") }, _host, "Nic.Model", ValidationKeys.NicModelUnknown);

    [Fact]
    public void Without_a_network_there_is_no_mac() =>
        Assert.Null(Build.Validated(Specs.Iso(_pool) with { Nic = new GuestNic(new GuestNetwork.None()) }, _host).Mac);

    [Fact]
    public void Uefi_without_ovmf_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Firmware = Firmware.Uefi }, _host with { OvmfAvailable = false }, "Firmware", ValidationKeys.UefiUnavailable);

    [Theory]
    [InlineData("microvm")]
    [InlineData("pc-q35-7.2'")]
    [InlineData("Q35")]
    [InlineData("")]
    public void Unsupported_machine_types_are_refused(string machine) =>
        Refusal.Assert(Specs.Iso(_pool) with { MachineType = machine }, _host, "MachineType", ValidationKeys.MachineTypeInvalid);

    [Fact]
    public void Kvm_on_a_host_without_kvm_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool), _host with { KvmAvailable = false }, "Accelerator", ValidationKeys.KvmUnavailable);

    [Theory]
    [InlineData(CpuMode.HostPassthrough)]
    [InlineData(CpuMode.HostModel)]
    public void Host_cpu_modes_under_emulation_are_refused(CpuMode mode) =>
        Refusal.Assert(Specs.Emulated(Specs.Iso(_pool)) with { CpuMode = mode }, _host, "CpuMode", ValidationKeys.CpuModeNeedsKvm);

    [Fact]
    public void Emulation_defaults_to_the_maximum_cpu() =>
        Assert.Equal(CpuMode.Maximum, Build.Validated(Specs.Emulated(Specs.Iso(_pool)), _host).CpuMode);

    [Fact]
    public void A_custom_cpu_mode_needs_a_model() =>
        Refusal.Assert(Specs.Iso(_pool) with { CpuMode = CpuMode.Custom }, _host, "CustomCpuModel", ValidationKeys.CpuModelRequired);

    [Fact]
    public void A_custom_cpu_model_must_be_an_identifier() =>
        Refusal.Assert(Specs.Iso(_pool) with { CpuMode = CpuMode.Custom, CustomCpuModel = "qemu64<" }, _host, "CustomCpuModel", ValidationKeys.CpuModelInvalid);

    [Fact]
    public void Undefined_enum_values_are_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Firmware = (Firmware)7 }, _host, "Firmware", ValidationKeys.OptionInvalid);

    [Fact]
    public void An_invalid_os_variant_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { OsVariant = "Debian 11" }, _host, "OsVariant", ValidationKeys.OsVariantInvalid);

    [Fact]
    public void Kernel_args_with_a_newline_are_refused() =>
        Refusal.Assert(
            Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall("http://example.org/tree", "console=ttyS0\ninit=/bin/sh") },
            _host,
            "Source.KernelArgs",
            ValidationKeys.TextControlCharacters);

    [Fact]
    public void Overlong_kernel_args_are_refused() =>
        Refusal.Assert(
            Specs.NetworkInstall(_pool) with { Source = new GuestSource.NetworkInstall("http://example.org/tree", new string('a', 1025)) },
            _host,
            "Source.KernelArgs",
            ValidationKeys.TextTooLong);

    [Theory]
    [InlineData("bell\a")]
    [InlineData("nul\0")]
    [InlineData("escape\u001b[2J")]
    [InlineData("not a character \uffff")]
    public void Descriptions_with_control_characters_are_refused(string description) =>
        Refusal.Assert(Specs.Iso(_pool) with { Description = description }, _host, "Description", ValidationKeys.TextControlCharacters);

    // Not inline data: the test runner's serialization would replace the lone surrogate with U+FFFD.
    [Fact]
    public void Descriptions_with_a_lone_surrogate_are_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Description = "lone surrogate " + '\ud800' }, _host, "Description", ValidationKeys.TextControlCharacters);

    [Fact]
    public void Descriptions_may_span_lines_and_hold_any_printable_text() =>
        Assert.True(GuestSpecValidator.Validate(Specs.Iso(_pool) with { Description = "line 1\nline 2\t😀 中文" }, _host).IsValid);

    [Fact]
    public void An_overlong_description_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Description = new string('x', 2001) }, _host, "Description", ValidationKeys.TextTooLong);

    [Fact]
    public void An_unknown_template_is_refused() =>
        Refusal.Assert(
            Specs.Iso(_pool) with { Source = new GuestSource.FromTemplate(Guid.NewGuid().ToString()), Disk = new GuestDisk.None() },
            _host,
            "Source.TemplateUuid",
            ValidationKeys.TemplateUnknown);

    [Fact]
    public void A_malformed_template_uuid_is_refused() =>
        Refusal.Assert(
            Specs.Iso(_pool) with { Source = new GuestSource.FromTemplate("not-a-uuid"), Disk = new GuestDisk.None() },
            _host,
            "Source.TemplateUuid",
            ValidationKeys.TemplateUuidInvalid);

    [Fact]
    public void A_template_guest_with_an_extra_disk_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Source = new GuestSource.FromTemplate(Hosts.TemplateUuid) }, _host, "Disk", ValidationKeys.TemplateUsesClone);

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        GuestSpec spec = Specs.NetworkInstall(_pool) with
        {
            Name = "bad name",
            VCpus = 99,
            MemoryMiB = 1_000_000,
            Source = new GuestSource.NetworkInstall("file:///x", null),
            Disk = new GuestDisk.NewVolume(FakePool.Name, 500),
            Nic = new GuestNic(new GuestNetwork.LibvirtNetwork("nope"), Mac: "zz"),
            Firmware = Firmware.Uefi,
        };

        GuestValidationResult result = GuestSpecValidator.Validate(spec, _host with { OvmfAvailable = false });

        Assert.Null(result.Guest);
        Assert.Equal(
            new[]
            {
                ValidationKeys.NameInvalid, ValidationKeys.VCpusOutOfRange, ValidationKeys.MemoryTooLarge, ValidationKeys.UefiUnavailable,
                ValidationKeys.UrlSchemeNotAllowed, ValidationKeys.DiskExceedsPoolFree, ValidationKeys.NetworkUnknown, ValidationKeys.MacMalformed,
            }.Order(),
            result.Problems.Select(p => p.Key).Order());
    }

    [Fact]
    public void Generated_macs_avoid_every_mac_in_use()
    {
        var inUse = new List<string>();
        for (int i = 0; i < 500; i++)
        {
            string mac = MacAddress.Generate(inUse);
            Assert.DoesNotContain(mac, inUse);
            Assert.True(MacAddress.IsWellFormed(mac) && !MacAddress.IsMulticast(mac));
            inUse.Add(mac);
        }
    }
}
