using System.Xml.Linq;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Devices;

/// <summary>The TPM and Secure Boot of new guests, of the guest page's switches, and reading them back.</summary>
public sealed class FirmwareAndTpmTests : IDisposable
{
    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public FirmwareAndTpmTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void Secure_boot_asks_auto_selection_for_enrolled_keys_and_turns_smm_on()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot }, _pool);

        Assert.Equal("efi", xml.Value("/domain/os/@firmware"));
        Assert.Equal("yes", xml.Value("/domain/os/firmware/feature[@name='secure-boot']/@enabled"));
        Assert.Equal("yes", xml.Value("/domain/os/firmware/feature[@name='enrolled-keys']/@enabled"));
        Assert.Equal("on", xml.Value("/domain/features/smm/@state"));
        Assert.Null(xml.Value("/domain/os/loader"));
        // libvirt's schema wants <firmware> right after <type>.
        Assert.Equal(["type", "firmware"], xml.Root!.Element("os")!.Elements().Take(2).Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Plain_uefi_says_secure_boot_off_because_libvirt_would_pick_the_secure_build_on_q35()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.Uefi }, _pool);

        Assert.Equal("no", xml.Value("/domain/os/firmware/feature[@name='secure-boot']/@enabled"));
        Assert.Equal(0, xml.Count("/domain/os/firmware/feature[@name='enrolled-keys']"));
        Assert.Equal(0, xml.Count("/domain/features/smm"));
    }

    [Fact]
    public void Bios_has_neither_firmware_features_nor_tpm()
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool), _pool);

        Assert.Equal(0, xml.Count("/domain/os/firmware"));
        Assert.Equal(0, xml.Count("/domain/devices/tpm"));
    }

    [Theory]
    [InlineData("q35", "tpm-crb")]
    [InlineData("pc-q35-7.2", "tpm-crb")]
    [InlineData("pc", "tpm-tis")]
    [InlineData("pc-i440fx-7.2", "tpm-tis")]
    public void A_tpm_is_an_emulated_tpm_2_with_the_machines_interface(string machine, string model)
    {
        XDocument xml = Build.Xml(Specs.Iso(_pool) with { Tpm = true, MachineType = machine }, _pool);

        Assert.Equal(model, xml.Value("/domain/devices/tpm/@model"));
        Assert.Equal("emulator", xml.Value("/domain/devices/tpm/backend/@type"));
        Assert.Equal("2.0", xml.Value("/domain/devices/tpm/backend/@version"));
    }

    [Fact]
    public void Secure_boot_on_i440fx_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot, MachineType = "pc" }, _host, "Firmware", ValidationKeys.SecureBootNeedsQ35);

    [Fact]
    public void Secure_boot_without_the_firmware_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot }, _host with { SecureBootAvailable = false }, "Firmware", ValidationKeys.SecureBootUnavailable);

    [Fact]
    public void Secure_boot_without_any_uefi_firmware_says_uefi_is_missing() =>
        Refusal.Assert(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot }, _host with { OvmfAvailable = false, SecureBootAvailable = false }, "Firmware", ValidationKeys.UefiUnavailable);

    [Fact]
    public void A_tpm_without_swtpm_is_refused() =>
        Refusal.Assert(Specs.Iso(_pool) with { Tpm = true }, _host with { TpmAvailable = false }, "Tpm", ValidationKeys.TpmUnavailable);

    [Fact]
    public void Reading_back_gives_firmware_secure_boot_and_tpm()
    {
        DomainView view = DomainXmlReader.Read(Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot, Tpm = true }, _pool));
        Assert.Equal("efi", view.Firmware);
        Assert.True(view.SecureBoot);
        Assert.Equal("tpm-crb", view.TpmModel);

        DomainView plain = DomainXmlReader.Read(Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.Uefi }, _pool));
        Assert.Equal("efi", plain.Firmware);
        Assert.False(plain.SecureBoot);
        Assert.Null(plain.TpmModel);
    }

    [Fact]
    public void Reading_a_live_xml_with_a_resolved_secure_loader_gives_secure_boot()
    {
        const string live = """
            <domain type='qemu'><name>g</name><os><type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
            <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</loader>
            <nvram template='/usr/share/OVMF/OVMF_VARS_4M.ms.fd'>/var/lib/libvirt/qemu/nvram/g_VARS.fd</nvram></os>
            <devices><tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm></devices></domain>
            """;
        DomainView view = DomainXmlReader.Read(live);

        Assert.Equal("efi", view.Firmware);
        Assert.True(view.SecureBoot);
        Assert.Equal("tpm-tis", view.TpmModel);
    }

    [Fact]
    public void The_tpm_switch_adds_one_tpm_and_removes_it_again()
    {
        string bios = Build.Xml(Specs.Iso(_pool), _pool).ToString();
        string with = Refused.Valid(FirmwareEditor.SetTpm(bios, enabled: true, guestIsActive: false, _host));
        Assert.Equal("tpm-crb", XDocument.Parse(with).Value("/domain/devices/tpm/@model"));
        Assert.Equal(1, XDocument.Parse(Refused.Valid(FirmwareEditor.SetTpm(with, enabled: true, guestIsActive: false, _host))).Count("/domain/devices/tpm"));

        XDocument without = XDocument.Parse(Refused.Valid(FirmwareEditor.SetTpm(with, enabled: false, guestIsActive: false, _host)));
        Assert.Equal(0, without.Count("/domain/devices/tpm"));
        Assert.Equal(XDocument.Parse(bios).Root!.Element("devices")!.Elements().Count(), without.Root!.Element("devices")!.Elements().Count());
    }

    [Fact]
    public void The_tpm_switch_refuses_a_running_guest_and_a_host_without_swtpm()
    {
        string xml = Build.Xml(Specs.Iso(_pool) with { Tpm = true }, _pool).ToString();
        Refused.Assert(FirmwareEditor.SetTpm(xml, enabled: false, guestIsActive: true, _host), "Tpm", ValidationKeys.FirmwareMustBeShutOff);
        Refused.Assert(FirmwareEditor.SetTpm(xml, enabled: true, guestIsActive: false, _host with { TpmAvailable = false }), "Tpm", ValidationKeys.TpmUnavailable);
        Refused.Assert(FirmwareEditor.SetTpm("<domain", enabled: true, guestIsActive: false, _host), "Domain", ValidationKeys.XmlInvalid);
    }

    [Fact]
    public void Secure_boot_off_drops_the_resolved_loader_so_auto_selection_picks_the_plain_build()
    {
        XDocument source = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.UefiSecureBoot }, _pool);
        source.Root!.Element("os")!.Element("firmware")!.AddAfterSelf(
            new XElement("loader", new XAttribute("secure", "yes"), new XAttribute("type", "pflash"), "/usr/share/OVMF/OVMF_CODE_4M.ms.fd"),
            new XElement("nvram", "/var/lib/libvirt/qemu/nvram/guest1_VARS.fd"));

        string off = Refused.Valid(FirmwareEditor.SetSecureBoot(source.ToString(), enabled: false, guestIsActive: false, _host));
        XDocument xml = XDocument.Parse(off);
        Assert.False(DomainXmlReader.Read(off).SecureBoot);
        Assert.Equal("efi", xml.Value("/domain/os/@firmware"));
        Assert.Equal("no", xml.Value("/domain/os/firmware/feature[@name='secure-boot']/@enabled"));
        Assert.Equal(0, xml.Count("/domain/os/loader") + xml.Count("/domain/os/nvram"));
        Assert.Equal(["cdrom", "hd"], xml.All("/domain/os/boot").Select(b => (string)b.Attribute("dev")!));

        string on = Refused.Valid(FirmwareEditor.SetSecureBoot(off, enabled: true, guestIsActive: false, _host));
        Assert.True(DomainXmlReader.Read(on).SecureBoot);
        Assert.Equal(1, XDocument.Parse(on).Count("/domain/features/smm[@state='on']"));
        Assert.Equal(1, XDocument.Parse(on).Count("/domain/os/firmware"));
    }

    [Fact]
    public void Secure_boot_on_refusals()
    {
        string bios = Build.Xml(Specs.Iso(_pool), _pool).ToString();
        string uefiPc = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.Uefi, MachineType = "pc" }, _pool).ToString();
        string uefi = Build.Xml(Specs.Iso(_pool) with { Firmware = Firmware.Uefi }, _pool).ToString();

        Refused.Assert(FirmwareEditor.SetSecureBoot(bios, enabled: true, guestIsActive: false, _host), "SecureBoot", ValidationKeys.SecureBootNeedsUefi);
        Refused.Assert(FirmwareEditor.SetSecureBoot(uefiPc, enabled: true, guestIsActive: false, _host), "SecureBoot", ValidationKeys.SecureBootNeedsQ35);
        Refused.Assert(FirmwareEditor.SetSecureBoot(uefi, enabled: true, guestIsActive: false, _host with { SecureBootAvailable = false }), "SecureBoot", ValidationKeys.SecureBootUnavailable);
        Refused.Assert(FirmwareEditor.SetSecureBoot(uefi, enabled: true, guestIsActive: true, _host), "SecureBoot", ValidationKeys.FirmwareMustBeShutOff);
    }

    [Fact]
    public void Secure_boot_off_on_a_bios_guest_changes_nothing()
    {
        string bios = Build.Xml(Specs.Iso(_pool), _pool).ToString();
        Assert.Equal(XDocument.Parse(bios).ToString(), Refused.Valid(FirmwareEditor.SetSecureBoot(bios, enabled: false, guestIsActive: false, _host)));
    }
}
