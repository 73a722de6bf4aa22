namespace WebVirt.Libvirt.Storage;

/// <summary>virStorageVolResizeFlags.</summary>
[Flags]
public enum StorageVolumeResizeFlags : uint
{
    None = 0,
    Allocate = 1,
    Delta = 2,
    Shrink = 4,
}
