namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainSnapshotListFlags. Roots (for a domain) and Descendants (for a snapshot's
/// children) share a bit.</summary>
[Flags]
public enum SnapshotListFlags : uint
{
    None = 0,
    Roots = 1,
    Descendants = Roots,
    Metadata = 2,
    Leaves = 4,
    NoLeaves = 8,
    NoMetadata = 16,
    Inactive = 32,
    Active = 64,
    DiskOnly = 128,
    Internal = 256,
    External = 512,
    Topological = 1024,
}
