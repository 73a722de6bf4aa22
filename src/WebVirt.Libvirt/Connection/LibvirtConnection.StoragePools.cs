using WebVirt.Libvirt.Storage;

namespace WebVirt.Libvirt.Connection;

public sealed partial class LibvirtConnection
{
    public unsafe IReadOnlyList<LibvirtStoragePool> ListAllStoragePools(StoragePoolListFlags flags = StoragePoolListFlags.None)
    {
        IntPtr* pools = null;
        int count = Interop.Libvirt.virConnectListAllStoragePools(_handle, &pools, (uint)flags);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virConnectListAllStoragePools));
        return NativeList.WrapAndFree(pools, count, p => new LibvirtStoragePool(SafeStoragePoolHandle.Own(p, _handle)), static p => _ = Interop.Libvirt.virStoragePoolFree(p));
    }

    public LibvirtStoragePool LookupStoragePoolByName(string name) =>
        WrapPool(Interop.Libvirt.virStoragePoolLookupByName(_handle, name), nameof(Interop.Libvirt.virStoragePoolLookupByName));

    public LibvirtStoragePool LookupStoragePoolByUuid(string uuid) =>
        WrapPool(Interop.Libvirt.virStoragePoolLookupByUUIDString(_handle, uuid), nameof(Interop.Libvirt.virStoragePoolLookupByUUIDString));

    // Persistent and inactive: Build and Create it next.
    public LibvirtStoragePool DefineStoragePoolXml(string xml, bool validate = false) =>
        WrapPool(Interop.Libvirt.virStoragePoolDefineXML(_handle, xml, validate ? 1u : 0u), nameof(Interop.Libvirt.virStoragePoolDefineXML));

    // Transient and running: gone after Destroy.
    public LibvirtStoragePool CreateStoragePoolXml(string xml, StoragePoolCreateFlags flags = StoragePoolCreateFlags.Normal) =>
        WrapPool(Interop.Libvirt.virStoragePoolCreateXML(_handle, xml, (uint)flags), nameof(Interop.Libvirt.virStoragePoolCreateXML));

    public LibvirtStorageVolume LookupStorageVolumeByPath(string path) =>
        WrapVolume(Interop.Libvirt.virStorageVolLookupByPath(_handle, path), nameof(Interop.Libvirt.virStorageVolLookupByPath));

    public LibvirtStorageVolume LookupStorageVolumeByKey(string key) =>
        WrapVolume(Interop.Libvirt.virStorageVolLookupByKey(_handle, key), nameof(Interop.Libvirt.virStorageVolLookupByKey));

    private LibvirtStoragePool WrapPool(IntPtr pool, string function) =>
        new(SafeStoragePoolHandle.Own(LibvirtCall.CheckPointer(pool, function), _handle));

    private LibvirtStorageVolume WrapVolume(IntPtr volume, string function) =>
        new(SafeStorageVolHandle.Own(LibvirtCall.CheckPointer(volume, function), _handle));
}
