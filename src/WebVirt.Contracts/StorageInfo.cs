namespace WebVirt.Contracts;

/// <summary>A storage pool as its host reports it.</summary>
/// <param name="Type">libvirt's pool type: dir, fs, netfs, logical, ...</param>
public sealed record StoragePoolSummary(
    string HostId,
    string Name,
    string Uuid,
    string Type,
    bool Active,
    bool Autostart,
    bool Persistent,
    ulong CapacityBytes,
    ulong AllocationBytes,
    ulong AvailableBytes,
    string TargetPath);

/// <summary>A volume of a pool and the guests that use it, as a disk or through a backing file.</summary>
/// <param name="Format">libvirt's format name (qcow2, raw, iso, ...).</param>
/// <param name="UsedBy">Every guest using the volume; while there is one, the volume cannot be deleted.</param>
/// <param name="ThroughBacking">Those of <paramref name="UsedBy"/> that use it only as a backing file (a linked clone's base).</param>
public sealed record StorageVolumeSummary(
    string Pool,
    string Name,
    string Path,
    string Format,
    ulong CapacityBytes,
    ulong AllocationBytes,
    IReadOnlyList<string> UsedBy,
    IReadOnlyList<string>? ThroughBacking = null);

public enum StoragePoolKind
{
    Directory,
    FileSystem,
    NetworkFileSystem,
    Logical,
}

public enum StoragePoolAction
{
    Start,
    Stop,
    Refresh,
    AutostartOn,
    AutostartOff,
}

/// <summary>
/// A pool to define. Which fields count depends on <paramref name="Kind"/>; <paramref name="Format"/>
/// is the file system (auto, ext4, xfs) or NFS format (nfs, auto).
/// </summary>
public sealed record StoragePoolCreateRequest(
    string Name,
    StoragePoolKind Kind,
    string TargetPath,
    string? SourceDevice = null,
    string? SourceHost = null,
    string? SourceDirectory = null,
    string? Format = null,
    string? VolumeGroup = null,
    IReadOnlyList<string>? SourceDevices = null,
    bool Start = true,
    bool Autostart = true);

/// <summary>A new empty volume; <paramref name="Format"/> is qcow2 or raw.</summary>
public sealed record StorageVolumeCreateRequest(string Pool, string Name, string Format, long CapacityBytes);

/// <summary>A copy of <paramref name="Source"/> in the same pool, in the format its new name's extension says.</summary>
public sealed record StorageVolumeCloneRequest(string Pool, string Source, string NewName);

/// <summary>
/// An http(s) URL to download into <paramref name="Pool"/>; a null <paramref name="Name"/> takes the URL's
/// file name (its extension then follows the content: qcow2 or raw). <paramref name="Checksum"/> is a pasted
/// SHA-256/SHA-512 sum, <paramref name="ChecksumUrl"/> a sums file listing the URL's file name; at most one.
/// </summary>
public sealed record StorageVolumeDownloadRequest(string Pool, string Url, string? Name, string RequestedBy, string? Checksum = null, string? ChecksumUrl = null);

public sealed record StorageVolumeResizeRequest(string Pool, string Name, long NewCapacityBytes);
