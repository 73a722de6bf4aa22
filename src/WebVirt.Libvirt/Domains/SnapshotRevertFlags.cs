namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainSnapshotRevertFlags.</summary>
[Flags]
public enum SnapshotRevertFlags : uint
{
    None = 0,
    Running = 1,
    Paused = 2,
    Force = 4,
    ResetNvram = 8,
}
