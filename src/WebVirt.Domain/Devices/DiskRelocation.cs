using System.Xml.Linq;

namespace WebVirt.Domain.Devices;

/// <summary>
/// A guest's definition for another host whose copies of its disks live at other paths (a migration
/// that copies storage into the destination pool): each file disk whose source is a key of the map
/// names the new path; every other element stays as it was.
/// </summary>
public static class DiskRelocation
{
    /// <summary>The domain XML with the file disks in <paramref name="moved"/> (old path → new path) pointing at their new paths.</summary>
    public static string Relocate(string domainXml, IReadOnlyDictionary<string, string> moved)
    {
        ArgumentNullException.ThrowIfNull(moved);
        var root = XElement.Parse(domainXml);
        foreach (var source in root.Element("devices")?.Elements("disk").Select(d => d.Element("source")) ?? [])
        {
            if (source?.Attribute("file") is { } file && moved.TryGetValue(file.Value, out var path))
            {
                file.Value = path;
            }
        }

        return root.ToString();
    }
}
