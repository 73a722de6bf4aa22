using System.Globalization;
using System.Xml.Linq;

namespace WebVirt.Domain.OsInfo;

/// <summary>
/// One &lt;os&gt; as written in its file, before inheritance: osinfo-db leaves out what a release
/// shares with the release it derives from or upgrades.
/// </summary>
internal sealed record OsInfoFile(
    string Id,
    IReadOnlyList<string> ShortIds,
    string Name,
    string? Vendor,
    string? Family,
    string? Distro,
    string? Version,
    DateOnly? ReleaseDate,
    DateOnly? EolDate,
    IReadOnlyList<string> Parents,
    OsResources Minimum,
    OsResources Recommended,
    string? InstallTreeUrl,
    bool? BiosSupported = null)
{
    public static IEnumerable<OsInfoFile> Parse(XDocument document)
    {
        foreach (XElement os in document.Root?.Elements("os") ?? [])
        {
            string? id = (string?)os.Attribute("id");
            string? name = Untranslated(os, "name");
            if (id is null || name is null)
            {
                continue;
            }

            // derives-from first: it says what the release is built on; upgrades only what it replaces.
            List<string> parents = os.Elements("derives-from").Concat(os.Elements("upgrades"))
                .Select(e => (string?)e.Attribute("id"))
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .ToList();
            XElement? resources = PickResources(os);
            yield return new OsInfoFile(
                id,
                os.Elements("short-id").Select(e => e.Value.Trim()).Where(s => s.Length > 0).ToList(),
                name,
                Untranslated(os, "vendor"),
                (string?)os.Element("family"),
                (string?)os.Element("distro"),
                (string?)os.Element("version"),
                Date(os.Element("release-date")),
                Date(os.Element("eol-date")),
                parents,
                Level(resources?.Element("minimum")),
                Level(resources?.Element("recommended")),
                os.Elements("tree").FirstOrDefault(t => (string?)t.Attribute("arch") == "x86_64")?.Element("url")?.Value.Trim(),
                BiosSupport(os));
        }
    }

    /// <summary>
    /// What the file says of BIOS on x86_64: false for &lt;firmware type="bios" supported="false"/&gt;
    /// (Windows 11), true when it lists BIOS as supported, null when it says nothing.
    /// </summary>
    private static bool? BiosSupport(XElement os) =>
        os.Elements("firmware").FirstOrDefault(f => (string?)f.Attribute("type") == "bios" && (string?)f.Attribute("arch") is null or "x86_64") is { } bios
            ? (string?)bios.Attribute("supported") != "false"
            : null;

    // Guests here are x86_64; "all" is osinfo-db's arch-independent fallback.
    private static XElement? PickResources(XElement os) =>
        os.Elements("resources").FirstOrDefault(r => (string?)r.Attribute("arch") == "x86_64")
        ?? os.Elements("resources").FirstOrDefault(r => (string?)r.Attribute("arch") == "all");

    private static OsResources Level(XElement? level) => level is null
        ? OsResources.Empty
        : new OsResources(
            (int?)Number(level.Element("n-cpus")),
            Number(level.Element("ram")),
            Number(level.Element("storage")));

    private static long? Number(XElement? element) =>
        element is not null && long.TryParse(element.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : null;

    private static DateOnly? Date(XElement? element) =>
        element is not null && DateOnly.TryParseExact(element.Value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) ? date : null;

    private static string? Untranslated(XElement os, string name) =>
        os.Elements(name).FirstOrDefault(e => e.Attribute(XNamespace.Xml + "lang") is null)?.Value.Trim();
}
