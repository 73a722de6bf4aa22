namespace WebVirt.Libvirt.Storage;

public sealed partial class LibvirtStorageVolume : IDisposable
{
    private readonly SafeStorageVolHandle _handle;

    internal unsafe LibvirtStorageVolume(SafeStorageVolHandle handle)
    {
        _handle = handle;
        IntPtr raw = handle.DangerousGetHandle();
        Name = ObjectIdentity.Name(Interop.Libvirt.virStorageVolGetName(raw), nameof(Interop.Libvirt.virStorageVolGetName));
        Key = ObjectIdentity.Name(Interop.Libvirt.virStorageVolGetKey(raw), nameof(Interop.Libvirt.virStorageVolGetKey));
    }

    public string Name { get; }

    // Unique on the host (for file volumes: the path), unlike the name, which is unique per pool.
    public string Key { get; }

    internal SafeStorageVolHandle Handle => _handle;

    public unsafe string GetPath() =>
        LibvirtCall.OwnedString(Interop.Libvirt.virStorageVolGetPath(_handle), nameof(Interop.Libvirt.virStorageVolGetPath));

    public unsafe string GetXmlDesc() =>
        LibvirtCall.OwnedString(Interop.Libvirt.virStorageVolGetXMLDesc(_handle, 0), nameof(Interop.Libvirt.virStorageVolGetXMLDesc));

    public StorageVolumeInfo GetInfo()
    {
        LibvirtCall.Check(Interop.Libvirt.virStorageVolGetInfo(_handle, out Interop.Libvirt.virStorageVolInfo info), nameof(Interop.Libvirt.virStorageVolGetInfo));
        return new StorageVolumeInfo((StorageVolumeType)info.type, info.capacity, info.allocation);
    }

    public void Delete(StorageVolumeDeleteFlags flags = StorageVolumeDeleteFlags.Normal) =>
        LibvirtCall.Check(Interop.Libvirt.virStorageVolDelete(_handle, (uint)flags), nameof(Interop.Libvirt.virStorageVolDelete));

    // Overwrites the content with zeroes; the volume stays. For file volumes libvirt zeroes as many
    // bytes as the allocation it last recorded, so refresh the pool first when the file was
    // written outside libvirt (through a guest or directly), or part of it stays.
    public void Wipe() => LibvirtCall.Check(Interop.Libvirt.virStorageVolWipe(_handle, 0), nameof(Interop.Libvirt.virStorageVolWipe));

    // capacityBytes is the new size, or the change in size with Delta.
    public void Resize(ulong capacityBytes, StorageVolumeResizeFlags flags = StorageVolumeResizeFlags.None) =>
        LibvirtCall.Check(Interop.Libvirt.virStorageVolResize(_handle, capacityBytes, (uint)flags), nameof(Interop.Libvirt.virStorageVolResize));

    public void Dispose() => _handle.Dispose();
}
