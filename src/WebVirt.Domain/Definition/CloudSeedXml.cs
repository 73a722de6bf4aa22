using System.Xml.Linq;

namespace WebVirt.Domain.Definition;

/// <summary>Finds a guest's NoCloud seed CD-ROM in its domain XML, for removing it after the first boot.</summary>
public static class CloudSeedXml
{
    /// <summary>Whether WebVirt made the guest from a cloud image, or cloned it from one with a new seed (its metadata says so).</summary>
    public static bool IsCloudGuest(XDocument domain) =>
        WebVirtMetadata.Read(domain) is { } metadata && (metadata.SourceKind == SourceKinds.CloudImage || metadata.CloudInit is not null);

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

    /// <summary>
    /// Puts the clone's own seed <paramref name="seedPath"/> into the seed drive it inherited from
    /// <paramref name="sourceName"/> (a template never booted still holds its seed; the two must never
    /// share one), or adds a seed drive on virtio-SCSI, as a new cloud guest has, when there is none.
    /// </summary>
    public static void Attach(XDocument clone, string sourceName, string seedPath)
    {
        ArgumentNullException.ThrowIfNull(clone);
        XElement devices = clone.Root?.Element("devices") ?? throw new ArgumentException("the domain has no devices", nameof(clone));
        if (FindSeed(clone, sourceName) is XElement inherited)
        {
            inherited.Element("source")!.SetAttributeValue("file", seedPath);
            return;
        }

        if (!devices.Elements("controller").Any(c => (string?)c.Attribute("type") == "scsi"))
        {
            devices.Add(new XElement("controller", new XAttribute("type", "scsi"), new XAttribute("model", "virtio-scsi")));
        }

        var used = devices.Elements("disk").Select(d => (string?)d.Element("target")?.Attribute("dev")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        string target = Enumerable.Range(0, 26).Select(i => "sd" + (char)('a' + i)).First(t => !used.Contains(t));
        XElement seed = DeviceXml.Cdrom(seedPath, "scsi", target);
        XElement? lastDisk = devices.Elements("disk").LastOrDefault();
        if (lastDisk is null)
        {
            devices.AddFirst(seed);
        }
        else
        {
            lastDisk.AddAfterSelf(seed);
        }
    }
}
