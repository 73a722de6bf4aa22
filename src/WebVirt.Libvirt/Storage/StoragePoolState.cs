namespace WebVirt.Libvirt.Storage;

// Values of virStoragePoolState.
public enum StoragePoolState
{
    Inactive = 0,
    Building = 1,
    Running = 2,
    Degraded = 3,
    Inaccessible = 4,
}
