using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>A file a guest's definition uses as a disk or CD-ROM; <paramref name="Writable"/> unless read-only or shareable.</summary>
public sealed record DiskUse(string Guest, string Path, bool Writable);

/// <summary>
/// Which guests use which volume, from every guest's XML (live and persistent). Two guests writing
/// one volume corrupt it, and deleting a volume under a defined guest leaves it unbootable.
/// </summary>
public static class DiskUses
{
    public static IEnumerable<DiskUse> Read(string guest, string domainXml) =>
        XDocument.Parse(domainXml).Root?.Element("devices")?.Elements("disk")
            .Select(d => (Disk: d, File: (string?)d.Element("source")?.Attribute("file") ?? (string?)d.Element("source")?.Attribute("dev")))
            .Where(d => d.File is { Length: > 0 })
            .Select(d => new DiskUse(
                guest,
                d.File!,
                ((string?)d.Disk.Attribute("device") ?? "disk") == "disk" && d.Disk.Element("readonly") is null && d.Disk.Element("shareable") is null))
        ?? [];

    /// <summary>Refuses attaching <paramref name="path"/> to <paramref name="guest"/> when another guest writes it.</summary>
    public static bool CheckAttachable(string path, string guest, IEnumerable<DiskUse> uses, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(uses);
        string? writer = uses.Where(u => u.Writable && u.Path == path && u.Guest != guest).Select(u => u.Guest).Order(StringComparer.Ordinal).FirstOrDefault();
        if (writer is null)
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskWrittenByOtherGuest, PoolPathRules.Printable(path), writer));
        return false;
    }

    /// <summary>Refuses deleting <paramref name="path"/> while a guest other than <paramref name="guest"/> uses it.</summary>
    public static bool CheckDeletable(string path, string guest, IEnumerable<DiskUse> uses, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(uses);
        string[] others = uses.Where(u => u.Path == path && u.Guest != guest).Select(u => u.Guest).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (others.Length == 0)
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeUsedByOtherGuest, PoolPathRules.Printable(path), string.Join(", ", others)));
        return false;
    }
}
