namespace WebVirt.Libvirt.Storage;

// Values of virStoragePoolEventLifecycleType.
public enum StoragePoolLifecycleEventType
{
    Defined = 0,
    Undefined = 1,
    Started = 2,
    Stopped = 3,
    Created = 4,
    Deleted = 5,
}

public sealed record StoragePoolLifecycleEvent(string Name, string Uuid, StoragePoolLifecycleEventType Event, int Detail);
