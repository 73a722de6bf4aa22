namespace WebVirt.Libvirt.Storage;

public sealed class LibvirtStoragePool : IDisposable
{
    private readonly SafeStoragePoolHandle _handle;

    internal unsafe LibvirtStoragePool(SafeStoragePoolHandle handle)
    {
        _handle = handle;
        IntPtr raw = handle.DangerousGetHandle();
        Name = ObjectIdentity.Name(Interop.Libvirt.virStoragePoolGetName(raw), nameof(Interop.Libvirt.virStoragePoolGetName));
        Uuid = ObjectIdentity.Uuid(raw, &Interop.Libvirt.virStoragePoolGetUUIDString, nameof(Interop.Libvirt.virStoragePoolGetUUIDString));
    }

    public string Name { get; }

    public string Uuid { get; }

    internal SafeStoragePoolHandle Handle => _handle;

    public static LibvirtStoragePool LookupByVolume(LibvirtStorageVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        IntPtr pool = LibvirtCall.CheckPointer(
            Interop.Libvirt.virStoragePoolLookupByVolume(volume.Handle), nameof(Interop.Libvirt.virStoragePoolLookupByVolume));
        return new LibvirtStoragePool(SafeStoragePoolHandle.Own(pool, volume.Handle));
    }

    public unsafe string GetXmlDesc(bool inactive = false) =>
        LibvirtCall.OwnedString(
            Interop.Libvirt.virStoragePoolGetXMLDesc(_handle, inactive ? Interop.Libvirt.VIR_STORAGE_XML_INACTIVE : 0),
            nameof(Interop.Libvirt.virStoragePoolGetXMLDesc));

    public StoragePoolInfo GetInfo()
    {
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolGetInfo(_handle, out Interop.Libvirt.virStoragePoolInfo info), nameof(Interop.Libvirt.virStoragePoolGetInfo));
        return new StoragePoolInfo((StoragePoolState)info.state, info.capacity, info.allocation, info.available);
    }

    // Makes the pool's backing storage (for a dir pool: the directory).
    public void Build(StoragePoolBuildFlags flags = StoragePoolBuildFlags.New) =>
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolBuild(_handle, (uint)flags), nameof(Interop.Libvirt.virStoragePoolBuild));

    // Starts (activates) a defined pool.
    public void Create(StoragePoolCreateFlags flags = StoragePoolCreateFlags.Normal) =>
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolCreate(_handle, (uint)flags), nameof(Interop.Libvirt.virStoragePoolCreate));

    // Stops the pool; its storage and volumes stay.
    public void Destroy() => LibvirtCall.Check(Interop.Libvirt.virStoragePoolDestroy(_handle), nameof(Interop.Libvirt.virStoragePoolDestroy));

    public void Undefine() => LibvirtCall.Check(Interop.Libvirt.virStoragePoolUndefine(_handle), nameof(Interop.Libvirt.virStoragePoolUndefine));

    // Removes the backing storage of an inactive pool (for a dir pool: the now empty directory).
    public void Delete(StoragePoolDeleteFlags flags = StoragePoolDeleteFlags.Normal) =>
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolDelete(_handle, (uint)flags), nameof(Interop.Libvirt.virStoragePoolDelete));

    public void Refresh() => LibvirtCall.Check(Interop.Libvirt.virStoragePoolRefresh(_handle, 0), nameof(Interop.Libvirt.virStoragePoolRefresh));

    public bool GetAutostart()
    {
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolGetAutostart(_handle, out int autostart), nameof(Interop.Libvirt.virStoragePoolGetAutostart));
        return autostart != 0;
    }

    public void SetAutostart(bool on) =>
        LibvirtCall.Check(Interop.Libvirt.virStoragePoolSetAutostart(_handle, on ? 1 : 0), nameof(Interop.Libvirt.virStoragePoolSetAutostart));

    public bool IsActive() => LibvirtCall.CheckBool(Interop.Libvirt.virStoragePoolIsActive(_handle), nameof(Interop.Libvirt.virStoragePoolIsActive));

    public bool IsPersistent() => LibvirtCall.CheckBool(Interop.Libvirt.virStoragePoolIsPersistent(_handle), nameof(Interop.Libvirt.virStoragePoolIsPersistent));

    public unsafe IReadOnlyList<LibvirtStorageVolume> ListAllVolumes()
    {
        IntPtr* volumes = null;
        int count = Interop.Libvirt.virStoragePoolListAllVolumes(_handle, &volumes, 0);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virStoragePoolListAllVolumes));
        return NativeList.WrapAndFree(volumes, count, v => new LibvirtStorageVolume(SafeStorageVolHandle.Own(v, _handle)), static v => _ = Interop.Libvirt.virStorageVolFree(v));
    }

    public LibvirtStorageVolume LookupVolumeByName(string name) =>
        WrapVolume(Interop.Libvirt.virStorageVolLookupByName(_handle, name), nameof(Interop.Libvirt.virStorageVolLookupByName));

    public LibvirtStorageVolume CreateVolumeXml(string xml, StorageVolumeCreateFlags flags = StorageVolumeCreateFlags.None) =>
        WrapVolume(Interop.Libvirt.virStorageVolCreateXML(_handle, xml, (uint)flags), nameof(Interop.Libvirt.virStorageVolCreateXML));

    // The clone path: a new volume in this pool with the content of source (which may live in
    // another pool of the same connection), converted to the format the XML asks for.
    public LibvirtStorageVolume CreateVolumeXmlFrom(string xml, LibvirtStorageVolume source, StorageVolumeCreateFlags flags = StorageVolumeCreateFlags.None)
    {
        ArgumentNullException.ThrowIfNull(source);
        return WrapVolume(
            Interop.Libvirt.virStorageVolCreateXMLFrom(_handle, xml, source.Handle, (uint)flags), nameof(Interop.Libvirt.virStorageVolCreateXMLFrom));
    }

    public void Dispose() => _handle.Dispose();

    private LibvirtStorageVolume WrapVolume(IntPtr volume, string function) =>
        new(SafeStorageVolHandle.Own(LibvirtCall.CheckPointer(volume, function), _handle));
}
