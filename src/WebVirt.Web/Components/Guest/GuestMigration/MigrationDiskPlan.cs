using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>One writable disk of a guest as a migration will treat it.</summary>
/// <param name="Pool">The source pool holding it; null when no pool does (it can be neither shared nor copied).</param>
/// <param name="Shared">On a pool an administrator marked shared between hosts: left in place.</param>
public sealed record MigrationDisk(string Target, string Path, string? Pool, bool Shared);

/// <summary>
/// What a migration does with each of a guest's writable disks, from the pools marked shared (the
/// agent applies the same rule and, for a marked pool the destination lacks, copies after all). The
/// migrate form shows it, and evacuations can reuse it.
/// </summary>
public static class MigrationDiskPlan
{
    public static IReadOnlyList<MigrationDisk> For(IEnumerable<GuestDiskInfo> disks, IReadOnlySet<string> sharedPools)
    {
        ArgumentNullException.ThrowIfNull(disks);
        ArgumentNullException.ThrowIfNull(sharedPools);
        return [.. disks
            .Where(d => d.Device == "disk" && !d.ReadOnly && d.SourcePath is { Length: > 0 })
            .Select(d => new MigrationDisk(d.Target, d.SourcePath!, d.Pool, d.Pool is not null && sharedPools.Contains(d.Pool)))];
    }

    /// <summary>Whether any disk must be copied into a destination pool.</summary>
    public static bool NeedsCopy(IReadOnlyList<MigrationDisk> disks) => disks.Any(d => !d.Shared);
}
