using WebVirt.Agent.HostChecks;

namespace WebVirt.Agent.Tests;

/// <summary>What the agent reads from libvirt's domain capabilities about UEFI, Secure Boot and the TPM emulator.</summary>
public sealed class FirmwareCapabilitiesTests
{
    // As libvirt 9.0 answers for q35 with Debian's ovmf and swtpm installed (trimmed).
    private const string Full = """
        <domainCapabilities><machine>pc-q35-7.2</machine>
          <os supported='yes'><enum name='firmware'><value>efi</value></enum>
            <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.ms.fd</value><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value>
              <enum name='type'><value>rom</value><value>pflash</value></enum>
              <enum name='secure'><value>yes</value><value>no</value></enum></loader></os>
          <devices><tpm supported='yes'><enum name='model'><value>tpm-tis</value><value>tpm-crb</value></enum>
            <enum name='backendModel'><value>passthrough</value><value>emulator</value><value>external</value></enum></tpm></devices>
        </domainCapabilities>
        """;

    // Without swtpm libvirt offers only the passthrough backend; firmware without a Secure Boot build.
    private const string Lacking = """
        <domainCapabilities><os supported='yes'><enum name='firmware'><value>efi</value></enum>
            <loader supported='yes'><value>/usr/share/OVMF/OVMF_CODE_4M.fd</value><enum name='secure'><value>no</value></enum></loader></os>
          <devices><tpm supported='yes'><enum name='backendModel'><value>passthrough</value></enum></tpm></devices>
        </domainCapabilities>
        """;

    [Fact]
    public void A_host_with_ovmf_and_swtpm_offers_uefi_secure_boot_and_the_tpm_emulator() =>
        Assert.Equal(new FirmwareCapabilities(true, true, true), FirmwareCapabilities.Parse(Full));

    [Fact]
    public void A_host_without_swtpm_or_a_secure_boot_build_offers_plain_uefi_only() =>
        Assert.Equal(new FirmwareCapabilities(true, false, false), FirmwareCapabilities.Parse(Lacking));

    [Fact]
    public void A_host_without_firmware_or_tpm_support_offers_nothing() =>
        Assert.Equal(FirmwareCapabilities.None, FirmwareCapabilities.Parse("<domainCapabilities><os supported='no'/><devices><tpm supported='no'/></devices></domainCapabilities>"));
}
