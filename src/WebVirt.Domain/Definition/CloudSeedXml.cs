using System.Xml.Linq;

namespace WebVirt.Domain.Definition;

/// <summary>Finds a guest's NoCloud seed CD-ROM in its domain XML, for removing it after the first boot.</summary>
public static class CloudSeedXml
{
    /// <summary>Whether WebVirt made the guest from a cloud image (its metadata says so).</summary>
    public static bool IsCloudGuest(XDocument domain) => WebVirtMetadata.Read(domain)?.SourceKind == SourceKinds.CloudImage;

    /// <summary>The CD-ROM &lt;disk&gt; holding the seed volume <c>&lt;name&gt;-cidata.iso</c>, or null.</summary>
    public static XElement? FindSeed(XDocument domain, string guestName)
    {
        ArgumentNullException.ThrowIfNull(domain);
        string volume = NoCloudSeed.VolumeName(guestName);
        return domain.Root?.Element("devices")?.Elements("disk").FirstOrDefault(d =>
            (string?)d.Attribute("device") == "cdrom"
            && d.Element("source")?.Attribute("file")?.Value is string file
            && Path.GetFileName(file) == volume);
    }

    /// <summary>The seed volume's path in <paramref name="seed"/>.</summary>
    public static string PathOf(XElement seed) => seed.Element("source")!.Attribute("file")!.Value;

    /// <summary>The same drive with its medium taken out, for ejecting the seed from a running guest.</summary>
    public static string Ejected(XElement seed)
    {
        var empty = new XElement(seed);
        empty.Element("source")?.Remove();
        return empty.ToString();
    }
}
