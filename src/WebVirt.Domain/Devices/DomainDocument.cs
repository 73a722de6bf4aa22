using System.Xml;
using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

internal static class DomainDocument
{
    /// <summary>The parsed domain XML, or null after adding why it cannot be read.</summary>
    public static XDocument? Parse(string? domainXml, List<ValidationProblem> problems)
    {
        try
        {
            XDocument document = XDocument.Parse(domainXml ?? string.Empty);
            if (document.Root?.Name.LocalName == "domain" && document.Root.Name.Namespace == XNamespace.None)
            {
                return document;
            }

            problems.Add(ValidationProblem.Create("Domain", ValidationKeys.XmlInvalid, "<" + (document.Root?.Name.LocalName ?? string.Empty) + ">"));
            return null;
        }
        catch (XmlException exception)
        {
            problems.Add(ValidationProblem.Create("Domain", ValidationKeys.XmlInvalid, exception.Message));
            return null;
        }
    }

    public static XElement Devices(XDocument document)
    {
        XElement domain = document.Root!;
        XElement? devices = domain.Element("devices");
        if (devices is null)
        {
            devices = new XElement("devices");
            domain.Add(devices);
        }

        return devices;
    }

    public static IEnumerable<string> UsedTargets(XDocument document) =>
        document.Root!.Element("devices")?.Elements("disk").Select(d => (string?)d.Element("target")?.Attribute("dev")).OfType<string>() ?? [];

    public static string MachineType(XDocument document) => (string?)document.Root!.Element("os")?.Element("type")?.Attribute("machine") ?? "pc";

    /// <summary>q35 has no IDE controller.</summary>
    public static bool BusAvailable(DiskBus bus, string machineType) => bus != DiskBus.Ide || !NameRules.IsQ35(machineType);
}
