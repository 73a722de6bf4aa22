namespace WebVirt.Libvirt.Storage;

/// <summary>virStorageVolCreateFlags, for new volumes and clones.</summary>
[Flags]
public enum StorageVolumeCreateFlags : uint
{
    None = 0,
    PreallocMetadata = 1,
    Reflink = 2,
    Validate = 4,
}
