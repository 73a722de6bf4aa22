using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// The element of a disk or network card as the guest's XML has it, for
/// virDomainDetachDeviceFlags: libvirt matches a disk by its target and a card by its MAC.
/// </summary>
public static class DeviceRemoval
{
    /// <summary>The disk or CD-ROM drive named <paramref name="target"/> (vda, sdb...).</summary>
    public static ValidationResult<XElement> Disk(string domainXml, string target)
    {
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        XElement? disk = domain is null ? null : FindDisk(domain, target);
        if (domain is not null && disk is null)
        {
            problems.Add(ValidationProblem.Create("Target", ValidationKeys.DiskUnknown, PoolPathRules.Printable(target ?? string.Empty)));
        }

        return ValidationResult<XElement>.From(() => new XElement(disk!), problems);
    }

    /// <summary>The network card with <paramref name="mac"/>.</summary>
    public static ValidationResult<XElement> Nic(string domainXml, string mac)
    {
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        XElement? nic = null;
        if (!MacAddress.IsWellFormed(mac))
        {
            MacAddress.Check(mac, [], "Mac", problems);
        }
        else if (domain is not null && (nic = GuestDeviceBuilder.FindInterface(domain, mac)) is null)
        {
            problems.Add(ValidationProblem.Create("Mac", ValidationKeys.NicUnknown, MacAddress.Normalize(mac)));
        }

        return ValidationResult<XElement>.From(() => new XElement(nic!), problems);
    }

    internal static XElement? FindDisk(XDocument domain, string? target) =>
        target is null
            ? null
            : domain.Root!.Element("devices")?.Elements("disk").FirstOrDefault(d => (string?)d.Element("target")?.Attribute("dev") == target);
}
