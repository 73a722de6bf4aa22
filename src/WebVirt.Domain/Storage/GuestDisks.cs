using System.Xml.Linq;

namespace WebVirt.Domain.Storage;

/// <summary>
/// A file that a guest's definition (or one of its snapshots) names as a disk or CD-ROM;
/// <paramref name="Writable"/> unless read-only, shareable or a CD-ROM.
/// </summary>
public sealed record DiskReference(string Guest, string Path, bool Writable, bool Running = false, string? Snapshot = null);

/// <summary>Reads the disk files and the backing files libvirt shows in a domain's XML.</summary>
public static class GuestDisks
{
    /// <summary>
    /// The disk files of <paramref name="domainXml"/>. A disk naming a pool volume instead of a file
    /// (<c>&lt;source pool= volume=&gt;</c>) gets its path from <paramref name="resolveVolume"/>, or is left out.
    /// </summary>
    public static IReadOnlyList<DiskReference> Read(
        string guest, string domainXml, bool running = false, string? snapshot = null, Func<string, string, string?>? resolveVolume = null) =>
        Read(guest, XDocument.Parse(domainXml).Root, running, snapshot, resolveVolume);

    /// <summary>The same, from a parsed <c>&lt;domain&gt;</c> element (a snapshot carries one).</summary>
    public static IReadOnlyList<DiskReference> Read(
        string guest, XElement? domain, bool running = false, string? snapshot = null, Func<string, string, string?>? resolveVolume = null)
    {
        var disks = new List<DiskReference>();
        foreach (XElement disk in domain?.Element("devices")?.Elements("disk") ?? [])
        {
            if (SourcePath(disk.Element("source"), resolveVolume) is not { Length: > 0 } path)
            {
                continue;
            }

            bool writable = ((string?)disk.Attribute("device") ?? "disk") == "disk" && disk.Element("readonly") is null && disk.Element("shareable") is null;
            disks.Add(new DiskReference(guest, path, writable, running, snapshot));
        }

        return disks;
    }

    /// <summary>
    /// Each file with the file below it, from the <c>&lt;backingStore&gt;</c> chains libvirt puts in a
    /// running guest's disks; the only place a chain outside every pool shows.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> BackingFiles(string domainXml)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (XElement disk in XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("disk") ?? [])
        {
            string? upper = SourcePath(disk.Element("source"), null);
            for (XElement? store = disk.Element("backingStore"); store is not null && upper is not null; store = store.Element("backingStore"))
            {
                string? lower = SourcePath(store.Element("source"), null);
                if (lower is { Length: > 0 })
                {
                    pairs.Add(new(upper, lower));
                }

                upper = lower;
            }
        }

        return pairs;
    }

    private static string? SourcePath(XElement? source, Func<string, string, string?>? resolveVolume)
    {
        if (source is null)
        {
            return null;
        }

        if (((string?)source.Attribute("file") ?? (string?)source.Attribute("dev")) is { Length: > 0 } path)
        {
            return path;
        }

        return (string?)source.Attribute("pool") is { } pool && (string?)source.Attribute("volume") is { } volume ? resolveVolume?.Invoke(pool, volume) : null;
    }
}
