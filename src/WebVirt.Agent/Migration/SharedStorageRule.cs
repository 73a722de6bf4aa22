namespace WebVirt.Agent.Migration;

/// <summary>What a migration does with one of the guest's writable disks.</summary>
internal enum DiskMove
{
    /// <summary>Left in place: the destination opens the same file.</summary>
    Shared,

    /// <summary>Copied into the destination pool during the migration.</summary>
    Copy,
}

/// <summary>
/// The one rule for shared storage: a disk stays in place only when its pool on the source is one an
/// administrator marked shared between hosts AND the destination sees a volume at the same path. libvirt
/// trusts only cluster file systems on its own, and a plain folder that merely has the same name on both
/// hosts must never be taken for shared storage, so everything else is copied.
/// </summary>
internal static class SharedStorageRule
{
    public static DiskMove Decide(string? sourcePool, IReadOnlyCollection<string> sharedPools, bool samePathOnDestination) =>
        sourcePool is not null && sharedPools.Contains(sourcePool, StringComparer.Ordinal) && samePathOnDestination ? DiskMove.Shared : DiskMove.Copy;
}
