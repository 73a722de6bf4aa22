using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Definition;

/// <summary>
/// The firmware and TPM parts of a domain XML, for new guests and for the guest page's switches.
/// The firmware itself is left to libvirt's auto-selection (&lt;os firmware='efi'&gt; with the
/// features asked for), so the guest gets whichever OVMF build the host's descriptors offer.
/// </summary>
public static class FirmwareXml
{
    /// <summary>
    /// &lt;firmware&gt; with Secure Boot on (and Microsoft's keys enrolled, which Windows and shim
    /// need) or off. Off must be said: on q35 libvirt's first choice is the Secure Boot build.
    /// </summary>
    public static XElement Features(bool secureBoot) => secureBoot
        ? new XElement(
            "firmware",
            new XElement("feature", new XAttribute("enabled", "yes"), new XAttribute("name", "secure-boot")),
            new XElement("feature", new XAttribute("enabled", "yes"), new XAttribute("name", "enrolled-keys")))
        : new XElement(
            "firmware",
            new XElement("feature", new XAttribute("enabled", "no"), new XAttribute("name", "secure-boot")));

    /// <summary>OVMF's Secure Boot builds refuse to start without SMM.</summary>
    public static XElement Smm() => new("smm", new XAttribute("state", "on"));

    /// <summary>
    /// An emulated TPM 2.0 backed by swtpm: the CRB interface on q35, which Windows prefers; TIS on
    /// i440fx, the interface every kernel and firmware knows.
    /// </summary>
    public static XElement Tpm(string? machineType) => new(
        "tpm",
        new XAttribute("model", machineType is not null && NameRules.IsQ35(machineType) ? "tpm-crb" : "tpm-tis"),
        new XElement("backend", new XAttribute("type", "emulator"), new XAttribute("version", "2.0")));

    /// <summary>Whether &lt;os&gt; asks for Secure Boot: the auto-selection feature or an explicit secure loader.</summary>
    public static bool SecureBoot(XElement? os) =>
        os?.Element("firmware")?.Elements("feature").Any(f => (string?)f.Attribute("name") == "secure-boot" && (string?)f.Attribute("enabled") == "yes") == true
        || (string?)os?.Element("loader")?.Attribute("secure") == "yes";
}
