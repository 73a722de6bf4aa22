namespace WebVirt.Domain.Validation;

/// <summary>A directory-backed storage pool and the volumes libvirt knows in it.</summary>
public sealed record StoragePoolInfo(string Name, string TargetPath, long AvailableBytes, IReadOnlyList<PoolVolume> Volumes);
