namespace WebVirt.Libvirt.Storage;

/// <summary>virStorageVolDeleteFlags.</summary>
[Flags]
public enum StorageVolumeDeleteFlags : uint
{
    Normal = 0,
    Zeroed = 1,
    WithSnapshots = 2,
}
