using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Orders snapshots as a tree, depth first, with each one's depth; children oldest first.</summary>
public static class SnapshotTree
{
    public static IReadOnlyList<(GuestSnapshotInfo Snapshot, int Depth)> Flatten(IReadOnlyList<GuestSnapshotInfo> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var names = snapshots.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var children = snapshots
            .Where(s => s.Parent is not null && names.Contains(s.Parent))
            .GroupBy(s => s.Parent!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.CreatedAt).ToList(), StringComparer.Ordinal);
        var result = new List<(GuestSnapshotInfo, int)>(snapshots.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);

        void Visit(GuestSnapshotInfo snapshot, int depth)
        {
            if (!seen.Add(snapshot.Name))
            {
                return;
            }

            result.Add((snapshot, depth));
            foreach (var child in children.GetValueOrDefault(snapshot.Name) ?? [])
            {
                Visit(child, depth + 1);
            }
        }

        // A parent libvirt no longer lists makes its child a root rather than hiding it.
        foreach (var root in snapshots.Where(s => s.Parent is null || !names.Contains(s.Parent)).OrderBy(s => s.CreatedAt))
        {
            Visit(root, 0);
        }

        // Anything left sits in a parent cycle, which libvirt should never report; show it flat rather than lose it.
        foreach (var snapshot in snapshots.Where(s => !seen.Contains(s.Name)))
        {
            Visit(snapshot, 0);
        }

        return result;
    }
}
