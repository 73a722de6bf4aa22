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

    /// <summary>
    /// A qcow2 overlay on <paramref name="backingPath"/> (a linked clone's disk): it starts empty and
    /// reads what it has not written from the backing file, which must then never change.
    /// </summary>
    public static string BuildOverlayString(ValidatedVolume volume, string backingPath, VolumeFormat backingFormat)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentException.ThrowIfNullOrEmpty(backingPath);
        if (volume.Format != VolumeFormat.Qcow2)
        {
            throw new ArgumentException("only a qcow2 volume can have a backing file", nameof(volume));
        }

        XDocument xml = Build(volume);
        xml.Root!.Add(new XElement(
            "backingStore",
            new XElement("path", backingPath),
            new XElement("format", new XAttribute("type", VolumeNames.LibvirtFormat(backingFormat)))));
        return xml.ToString();
    }
}
