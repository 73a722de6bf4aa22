using System.Xml.Linq;

namespace WebVirt.Domain.OsInfo;

/// <summary>
/// The operating systems of the host's osinfo-db (Debian package osinfo-db), read on first use
/// and kept. Thread-safe; the first call pays for parsing, so callers warm it up off the UI thread.
/// </summary>
public sealed class OsInfoDatabase
{
    public const string DefaultRoot = "/usr/share/osinfo";

    private readonly Lazy<Catalog> _catalog;

    public OsInfoDatabase(string root = DefaultRoot)
    {
        Root = root;
        _catalog = new Lazy<Catalog>(() => Load(root), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Root { get; }

    /// <summary>Every operating system, sorted by name.</summary>
    public IReadOnlyList<OsInfoEntry> All => _catalog.Value.Entries;

    public OsInfoEntry? FindByShortId(string shortId) =>
        _catalog.Value.ByShortId.TryGetValue(shortId, out OsInfoEntry? entry) ? entry : null;

    public OsInfoEntry? FindById(string id) =>
        _catalog.Value.ById.TryGetValue(id, out OsInfoEntry? entry) ? entry : null;

    /// <summary>Case-insensitive substring match on name and short ids; empty text lists everything.</summary>
    public IReadOnlyList<OsInfoEntry> Search(string? text, int limit = int.MaxValue)
    {
        IEnumerable<OsInfoEntry> matches = string.IsNullOrWhiteSpace(text)
            ? All
            : All.Where(e => e.Name.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
                || e.ShortIds.Any(s => s.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)));
        return matches.Take(limit).ToList();
    }

    private static Catalog Load(string root)
    {
        string osDirectory = Path.Combine(root, "os");
        if (!Directory.Exists(osDirectory))
        {
            throw new DirectoryNotFoundException($"osinfo-db not found at {osDirectory}; install the osinfo-db package");
        }

        // Only os/<vendor>/<release>.xml: the *.d directories beside them hold driver lists.
        // Parsed one after the other: in parallel (PLINQ) it was no faster on a busy 2-core host
        // (~1 s either way for ~800 files, docs/development.md), and its SelectMany raised the Native
        // AOT warning IL3054 in the agent.
        var files = Directory.EnumerateDirectories(osDirectory)
            .SelectMany(vendor => Directory.EnumerateFiles(vendor, "*.xml", SearchOption.TopDirectoryOnly))
            .SelectMany(path => OsInfoFile.Parse(XDocument.Load(path)))
            .ToList();
        var byId = new Dictionary<string, OsInfoFile>(StringComparer.Ordinal);
        foreach (OsInfoFile file in files)
        {
            byId.TryAdd(file.Id, file);
        }

        List<OsInfoEntry> entries = byId.Values
            .Select(file => Resolve(file, byId))
            .OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new Catalog(entries);
    }

    private static OsInfoEntry Resolve(OsInfoFile file, Dictionary<string, OsInfoFile> byId)
    {
        OsResources minimum = file.Minimum;
        OsResources recommended = file.Recommended;

        // Breadth-first over ancestors, nearest first, so a release inherits from its closest relative.
        var seen = new HashSet<string>(StringComparer.Ordinal) { file.Id };
        var queue = new Queue<string>(file.Parents);
        while (queue.Count > 0 && !(minimum.IsComplete && recommended.IsComplete))
        {
            string parentId = queue.Dequeue();
            if (!seen.Add(parentId) || !byId.TryGetValue(parentId, out OsInfoFile? parent))
            {
                continue;
            }

            minimum = minimum.InheritFrom(parent.Minimum);
            recommended = recommended.InheritFrom(parent.Recommended);
            foreach (string next in parent.Parents)
            {
                queue.Enqueue(next);
            }
        }

        return new OsInfoEntry(
            file.Id, file.ShortIds, file.Name, file.Vendor, file.Family, file.Distro, file.Version,
            file.ReleaseDate, file.EolDate, minimum, recommended, file.InstallTreeUrl, BiosSupported(file, byId) == false);
    }

    /// <summary>The nearest statement on BIOS support: the release's own, else its closest ancestor's.</summary>
    private static bool? BiosSupported(OsInfoFile file, Dictionary<string, OsInfoFile> byId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { file.Id };
        var queue = new Queue<OsInfoFile>([file]);
        while (queue.Count > 0)
        {
            OsInfoFile next = queue.Dequeue();
            if (next.BiosSupported is bool stated)
            {
                return stated;
            }

            foreach (string parentId in next.Parents)
            {
                if (seen.Add(parentId) && byId.TryGetValue(parentId, out OsInfoFile? parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return null;
    }

    private sealed class Catalog
    {
        public Catalog(List<OsInfoEntry> entries)
        {
            Entries = entries;
            ById = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
            ByShortId = new Dictionary<string, OsInfoEntry>(StringComparer.OrdinalIgnoreCase);
            foreach (OsInfoEntry entry in entries)
            {
                foreach (string shortId in entry.ShortIds)
                {
                    ByShortId.TryAdd(shortId, entry);
                }
            }
        }

        public List<OsInfoEntry> Entries { get; }

        public Dictionary<string, OsInfoEntry> ById { get; }

        public Dictionary<string, OsInfoEntry> ByShortId { get; }
    }
}
