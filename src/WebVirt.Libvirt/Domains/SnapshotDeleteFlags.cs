namespace WebVirt.Libvirt.Domains;

/// <summary>virDomainSnapshotDeleteFlags.</summary>
[Flags]
public enum SnapshotDeleteFlags : uint
{
    None = 0,
    Children = 1,
    MetadataOnly = 2,
    ChildrenOnly = 4,
}
