namespace WebVirt.Libvirt.Storage;

/// <summary>virStoragePoolCreateFlags, for starting a pool and for transient pools.</summary>
[Flags]
public enum StoragePoolCreateFlags : uint
{
    Normal = 0,
    WithBuild = 1,
    WithBuildOverwrite = 2,
    WithBuildNoOverwrite = 4,
}
