namespace WebVirt.Libvirt.Storage;

public sealed record StorageVolumeInfo(StorageVolumeType Type, ulong CapacityBytes, ulong AllocationBytes);
