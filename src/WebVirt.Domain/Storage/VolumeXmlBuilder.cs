using System.Xml.Linq;

namespace WebVirt.Domain.Storage;

/// <summary>
/// Storage volume XML for virStorageVolCreateXML (new and upload volumes) and
/// virStorageVolCreateXMLFrom (clones), with System.Xml.Linq only.
/// </summary>
public static class VolumeXmlBuilder
{
    public static XDocument Build(ValidatedVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        return new XDocument(new XElement(
            "volume",
            new XElement("name", volume.Name),
            new XElement("capacity", new XAttribute("unit", "bytes"), volume.CapacityBytes),
            new XElement("allocation", new XAttribute("unit", "bytes"), volume.AllocationBytes),
            new XElement("target", new XElement("format", new XAttribute("type", VolumeNames.LibvirtFormat(volume.Format))))));
    }

    public static string BuildString(ValidatedVolume volume) => Build(volume).ToString();
}
