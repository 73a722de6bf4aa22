namespace WebVirt.Libvirt.Storage;

/// <summary>virStoragePoolBuildFlags.</summary>
[Flags]
public enum StoragePoolBuildFlags : uint
{
    New = 0,
    Repair = 1,
    Resize = 2,
    NoOverwrite = 4,
    Overwrite = 8,
}
