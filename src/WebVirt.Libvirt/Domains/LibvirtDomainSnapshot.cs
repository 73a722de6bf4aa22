namespace WebVirt.Libvirt.Domains;

// virDomainSnapshotPtr. Keeps its domain handle (and so the connection) alive.
public sealed class LibvirtDomainSnapshot : IDisposable
{
    private const uint VIR_DOMAIN_SNAPSHOT_XML_SECURE = 1;

    private readonly SafeDomainSnapshotHandle _handle;

    internal unsafe LibvirtDomainSnapshot(SafeDomainSnapshotHandle handle)
    {
        _handle = handle;
        Name = ObjectIdentity.Name(Interop.Libvirt.virDomainSnapshotGetName(handle.DangerousGetHandle()), nameof(Interop.Libvirt.virDomainSnapshotGetName));
    }

    public string Name { get; }

    public unsafe string GetXmlDesc(bool secure = false) =>
        LibvirtCall.OwnedString(
            Interop.Libvirt.virDomainSnapshotGetXMLDesc(_handle, secure ? VIR_DOMAIN_SNAPSHOT_XML_SECURE : 0),
            nameof(Interop.Libvirt.virDomainSnapshotGetXMLDesc));

    // Null for a root snapshot.
    public LibvirtDomainSnapshot? GetParent()
    {
        IntPtr parent = Interop.Libvirt.virDomainSnapshotGetParent(_handle, 0);
        if (parent != IntPtr.Zero)
        {
            return new LibvirtDomainSnapshot(SafeDomainSnapshotHandle.Own(parent, _handle));
        }

        LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainSnapshotGetParent));
        return error.Code == LibvirtErrorCodes.NoDomainSnapshot ? null : throw error;
    }

    public unsafe IReadOnlyList<LibvirtDomainSnapshot> ListAllChildren(SnapshotListFlags flags = SnapshotListFlags.None)
    {
        IntPtr* children = null;
        int count = Interop.Libvirt.virDomainSnapshotListAllChildren(_handle, &children, (uint)flags);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virDomainSnapshotListAllChildren));
        return NativeList.WrapAndFree(
            children, count, c => new LibvirtDomainSnapshot(SafeDomainSnapshotHandle.Own(c, _handle)), static c => _ = Interop.Libvirt.virDomainSnapshotFree(c));
    }

    public bool IsCurrent() =>
        LibvirtCall.CheckBool(Interop.Libvirt.virDomainSnapshotIsCurrent(_handle, 0), nameof(Interop.Libvirt.virDomainSnapshotIsCurrent));

    public void Revert(SnapshotRevertFlags flags = SnapshotRevertFlags.None) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainRevertToSnapshot(_handle, (uint)flags), nameof(Interop.Libvirt.virDomainRevertToSnapshot));

    public void Delete(SnapshotDeleteFlags flags = SnapshotDeleteFlags.None) =>
        LibvirtCall.Check(Interop.Libvirt.virDomainSnapshotDelete(_handle, (uint)flags), nameof(Interop.Libvirt.virDomainSnapshotDelete));

    public void Dispose() => _handle.Dispose();
}
