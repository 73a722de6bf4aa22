namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainSnapshotCreateFlags.</summary>
[Flags]
public enum SnapshotCreateFlags : uint
{
    None = 0,
    Redefine = 1,
    Current = 2,
    NoMetadata = 4,
    Halt = 8,
    DiskOnly = 16,
    ReuseExternal = 32,
    Quiesce = 64,
    Atomic = 128,
    Live = 256,
    Validate = 512,
}
