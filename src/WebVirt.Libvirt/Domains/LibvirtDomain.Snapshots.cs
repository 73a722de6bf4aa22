namespace WebVirt.Libvirt.Domains;

public sealed partial class LibvirtDomain
{
    // The XML is a <domainsnapshot>; an empty one lets libvirt pick the name and the disks.
    public LibvirtDomainSnapshot CreateSnapshotXml(string xml, SnapshotCreateFlags flags = SnapshotCreateFlags.None) =>
        WrapSnapshot(Interop.Libvirt.virDomainSnapshotCreateXML(_handle, xml, (uint)flags), nameof(Interop.Libvirt.virDomainSnapshotCreateXML));

    public unsafe IReadOnlyList<LibvirtDomainSnapshot> ListAllSnapshots(SnapshotListFlags flags = SnapshotListFlags.None)
    {
        IntPtr* snapshots = null;
        int count = Interop.Libvirt.virDomainListAllSnapshots(_handle, &snapshots, (uint)flags);
        LibvirtCall.Check(count, nameof(Interop.Libvirt.virDomainListAllSnapshots));
        return NativeList.WrapAndFree(
            snapshots, count, s => new LibvirtDomainSnapshot(SafeDomainSnapshotHandle.Own(s, _handle)), static s => _ = Interop.Libvirt.virDomainSnapshotFree(s));
    }

    public LibvirtDomainSnapshot LookupSnapshotByName(string name) =>
        WrapSnapshot(Interop.Libvirt.virDomainSnapshotLookupByName(_handle, name, 0), nameof(Interop.Libvirt.virDomainSnapshotLookupByName));

    public bool HasCurrentSnapshot() =>
        LibvirtCall.CheckBool(Interop.Libvirt.virDomainHasCurrentSnapshot(_handle, 0), nameof(Interop.Libvirt.virDomainHasCurrentSnapshot));

    // Null when there is no current snapshot.
    public LibvirtDomainSnapshot? GetCurrentSnapshot()
    {
        IntPtr snapshot = Interop.Libvirt.virDomainSnapshotCurrent(_handle, 0);
        if (snapshot != IntPtr.Zero)
        {
            return new LibvirtDomainSnapshot(SafeDomainSnapshotHandle.Own(snapshot, _handle));
        }

        LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virDomainSnapshotCurrent));
        return error.Code == LibvirtErrorCodes.NoDomainSnapshot ? null : throw error;
    }

    private LibvirtDomainSnapshot WrapSnapshot(IntPtr snapshot, string function) =>
        new(SafeDomainSnapshotHandle.Own(LibvirtCall.CheckPointer(snapshot, function), _handle));
}
