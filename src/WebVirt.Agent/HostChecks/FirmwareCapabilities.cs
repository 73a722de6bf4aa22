using System.Xml.Linq;
using WebVirt.Libvirt;

namespace WebVirt.Agent.HostChecks;

/// <summary>
/// What libvirt's domain capabilities say the host can give a q35 guest: UEFI firmware, a Secure
/// Boot build of it (found through the firmware descriptors of Debian's ovmf package) and the
/// emulated TPM backend (offered only when swtpm is installed). Read from libvirt, never guessed from paths.
/// </summary>
internal sealed record FirmwareCapabilities(bool Uefi, bool SecureBoot, bool TpmEmulator)
{
    public static readonly FirmwareCapabilities None = new(false, false, false);

    /// <summary>
    /// Inside a libvirt call. Secure Boot needs SMM, so the q35 machine is the one asked about; the
    /// firmware and swtpm are the same under KVM and TCG, and TCG can be asked on hosts without KVM.
    /// </summary>
    public static FirmwareCapabilities Read(LibvirtConnection connection)
    {
        try
        {
            return Parse(connection.GetDomainCapabilities(arch: "x86_64", machine: "q35", virtType: "qemu"));
        }
        catch (LibvirtException)
        {
            // Drivers without domain capabilities (test:///) have no firmware or TPM to offer.
            return None;
        }
    }

    public static FirmwareCapabilities Parse(string domainCapabilities)
    {
        XElement? root = XDocument.Parse(domainCapabilities).Root;
        XElement? os = root?.Element("os");
        XElement? loader = os?.Element("loader");
        bool efi = Values(os, "firmware").Contains("efi")
            || loader?.Elements("value").Any(v => v.Value.Contains("OVMF", StringComparison.OrdinalIgnoreCase)) == true;
        bool secure = efi && Values(loader, "secure").Contains("yes");
        XElement? tpm = root?.Element("devices")?.Element("tpm");
        bool emulator = (string?)tpm?.Attribute("supported") == "yes" && Values(tpm, "backendModel").Contains("emulator");
        return new FirmwareCapabilities(efi, secure, emulator);
    }

    private static IEnumerable<string> Values(XElement? parent, string enumName) =>
        parent?.Elements("enum").Where(e => (string?)e.Attribute("name") == enumName).Elements("value").Select(v => v.Value.Trim()) ?? [];
}
