namespace WebVirt.Libvirt;

/// <summary>virStoragePoolDeleteFlags.</summary>
[Flags]
public enum StoragePoolDeleteFlags : uint
{
    Normal = 0,
    Zeroed = 1,
}
