namespace WebVirt.Libvirt.Storage;

/// <summary>virStoragePoolDeleteFlags.</summary>
[Flags]
public enum StoragePoolDeleteFlags : uint
{
    Normal = 0,
    Zeroed = 1,
}
