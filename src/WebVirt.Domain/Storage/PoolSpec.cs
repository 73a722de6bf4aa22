namespace WebVirt.Domain.Storage;

/// <summary>
/// A storage pool to define, one record per libvirt pool type WebVirt offers. Nothing here is
/// trusted: it goes through <see cref="StoragePoolValidator"/> before any XML is built from it.
/// </summary>
public abstract record PoolSpec(string Name)
{
    /// <summary>A directory on the host holding volume files.</summary>
    public sealed record Directory(string Name, string TargetPath) : PoolSpec(Name);

    /// <summary>A local block device with a file system, mounted at <paramref name="TargetPath"/>.</summary>
    public sealed record FileSystem(string Name, string SourceDevice, FileSystemFormat Format, string TargetPath) : PoolSpec(Name);

    /// <summary>An exported directory of a file server (NFS), mounted at <paramref name="TargetPath"/>.</summary>
    public sealed record NetworkFileSystem(string Name, string Host, string SourceDirectory, NetworkFileSystemFormat Format, string TargetPath) : PoolSpec(Name);

    /// <summary>
    /// An LVM volume group; volumes are logical volumes. With <paramref name="SourceDevices"/>,
    /// building the pool creates the group on them; without, the group must already exist.
    /// </summary>
    public sealed record Logical(string Name, string VolumeGroup, IReadOnlyList<string> SourceDevices) : PoolSpec(Name);
}

public enum FileSystemFormat
{
    Auto,
    Ext4,
    Xfs,
}

public enum NetworkFileSystemFormat
{
    Nfs,
    Auto,
}
