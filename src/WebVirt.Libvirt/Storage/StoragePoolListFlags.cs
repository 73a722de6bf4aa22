namespace WebVirt.Libvirt.Storage;

/// <summary>virConnectListAllStoragePoolsFlags.</summary>
[Flags]
public enum StoragePoolListFlags : uint
{
    None = 0,
    Inactive = 1,
    Active = 2,
    Persistent = 4,
    Transient = 8,
    Autostart = 16,
    NoAutostart = 32,
    Dir = 64,
    Fs = 128,
    NetFs = 256,
    Logical = 512,
    Disk = 1024,
    Iscsi = 2048,
    Scsi = 4096,
    Mpath = 8192,
    Rbd = 16384,
    Sheepdog = 32768,
    Gluster = 65536,
    Zfs = 131072,
    Vstorage = 262144,
    IscsiDirect = 524288,
}
