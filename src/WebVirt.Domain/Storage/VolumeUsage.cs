using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>
/// One guest's use of a file: as its own disk, or only <paramref name="ThroughBacking"/> (a file
/// below one of its disks in a qcow2 backing chain, such as a linked clone's base).
/// <paramref name="Writable"/> when the guest writes the file itself; <paramref name="Running"/> when
/// the guest runs (or a running guest's definition names it).
/// </summary>
public sealed record VolumeUser(string Guest, bool ThroughBacking, bool Writable, bool Running);

/// <summary>
/// Which guests use which file: every guest's disks (live, persistent and in snapshots) and every
/// file below them in a backing chain, at any depth. The one answer to "who uses this volume" for
/// the storage page, volume and pool deletion, guest deletion and disk removal: a file that some
/// guest reaches is never deleted, or that guest cannot start again.
/// </summary>
public sealed class VolumeUsage
{
    // A chain deeper than this is a loop that libvirt did not catch; the files seen so far still count.
    private const int MaxDepth = 64;

    private readonly Dictionary<string, List<VolumeUser>> _uses = new(StringComparer.Ordinal);

    private VolumeUsage()
    {
    }

    public static VolumeUsage Empty { get; } = new();

    /// <param name="disks">Every disk file every guest names.</param>
    /// <param name="backingFiles">Each file with the file directly below it (from the volumes' and running guests' XML).</param>
    public static VolumeUsage Build(IEnumerable<DiskReference> disks, IEnumerable<KeyValuePair<string, string>> backingFiles)
    {
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(backingFiles);
        var below = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (file, backing) in backingFiles)
        {
            below.TryAdd(file, backing);
        }

        var usage = new VolumeUsage();
        foreach (DiskReference disk in disks)
        {
            usage.Add(disk.Path, new VolumeUser(disk.Guest, ThroughBacking: false, disk.Writable, disk.Running));
            var seen = new HashSet<string>(StringComparer.Ordinal) { disk.Path };
            string current = disk.Path;
            for (int depth = 0; depth < MaxDepth && below.TryGetValue(current, out var next) && seen.Add(next); depth++)
            {
                // Read only: QEMU opens backing files read-only, only the top of a chain is written.
                usage.Add(next, new VolumeUser(disk.Guest, ThroughBacking: true, Writable: false, disk.Running));
                current = next;
            }
        }

        return usage;
    }

    /// <summary>The guests using <paramref name="path"/>, one entry each (a guest naming it directly counts as direct), by name.</summary>
    public IReadOnlyList<VolumeUser> UsersOf(string path, string? exceptGuest = null) =>
        Merge(_uses.TryGetValue(path, out var uses) ? uses : [], exceptGuest);

    /// <summary>The guests using any of <paramref name="paths"/> or any file under <paramref name="directory"/> (a pool's target).</summary>
    public IReadOnlyList<VolumeUser> UsersOfAny(IEnumerable<string> paths, string? directory = null)
    {
        var wanted = new HashSet<string>(paths, StringComparer.Ordinal);
        string? prefix = string.IsNullOrEmpty(directory) ? null : directory.TrimEnd('/') + "/";
        return Merge(_uses.Where(u => wanted.Contains(u.Key) || (prefix is not null && u.Key.StartsWith(prefix, StringComparison.Ordinal))).SelectMany(u => u.Value), null);
    }

    /// <summary>Refuses attaching <paramref name="path"/> writable to <paramref name="guest"/> while another guest writes it or reads it through a backing file.</summary>
    public bool CheckAttachable(string path, string guest, bool writable, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var others = UsersOf(path, guest);
        if (others.FirstOrDefault(u => u.Writable) is { } writer)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskWrittenByOtherGuest, PoolPathRules.Printable(path), writer.Guest));
            return false;
        }

        var readers = others.Where(u => u.ThroughBacking).ToList();
        if (writable && readers.Count > 0)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskBackingOfOtherGuest, PoolPathRules.Printable(path), new VolumeUserList(readers)));
            return false;
        }

        return true;
    }

    /// <summary>Refuses deleting <paramref name="path"/> while a guest other than <paramref name="guest"/> uses it, directly or through a backing file.</summary>
    public bool CheckDeletable(string path, string? guest, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var others = UsersOf(path, guest);
        if (others.Count == 0)
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeUsedByOtherGuest, PoolPathRules.Printable(path), new VolumeUserList(others)));
        return false;
    }

    /// <summary>Why volume <paramref name="volume"/> is not deleted: <paramref name="users"/> use it.</summary>
    public static ValidationProblem VolumeInUse(string volume, IReadOnlyList<VolumeUser> users) =>
        ValidationProblem.Create("Volume", ValidationKeys.VolumeInUse, volume, new VolumeUserList(users));

    /// <summary>Why pool <paramref name="pool"/> is not deleted: <paramref name="users"/> use its volumes.</summary>
    public static ValidationProblem PoolInUse(string pool, IReadOnlyList<VolumeUser> users) =>
        ValidationProblem.Create("Pool", ValidationKeys.PoolInUse, pool, new VolumeUserList(users));

    private void Add(string path, VolumeUser user)
    {
        if (!_uses.TryGetValue(path, out var users))
        {
            _uses[path] = users = [];
        }

        users.Add(user);
    }

    private static List<VolumeUser> Merge(IEnumerable<VolumeUser> uses, string? exceptGuest) =>
        [.. uses.Where(u => !string.Equals(u.Guest, exceptGuest, StringComparison.Ordinal))
            .GroupBy(u => u.Guest, StringComparer.Ordinal)
            .Select(g => new VolumeUser(g.Key, g.All(u => u.ThroughBacking), g.Any(u => u.Writable), g.Any(u => u.Running)))
            .OrderBy(u => u.Guest, StringComparer.Ordinal)];
}
