namespace WebVirt.Libvirt.Storage;

public sealed record StoragePoolInfo(StoragePoolState State, ulong CapacityBytes, ulong AllocationBytes, ulong AvailableBytes);
