using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [LibraryImport(LibraryName)]
        internal static partial int virDomainSnapshotFree(IntPtr snapshot);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainSnapshotCreateXML(SafeDomainHandle domain, string xml, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainListAllSnapshots(SafeDomainHandle domain, IntPtr** snaps, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainSnapshotLookupByName(SafeDomainHandle domain, string name, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr virDomainSnapshotCurrent(SafeDomainHandle domain, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainHasCurrentSnapshot(SafeDomainHandle domain, uint flags);

        // Borrowed: valid as long as the snapshot object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virDomainSnapshotGetName(IntPtr snapshot);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr virDomainSnapshotGetParent(SafeDomainSnapshotHandle snapshot, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virDomainSnapshotGetXMLDesc(SafeDomainSnapshotHandle snapshot, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainRevertToSnapshot(SafeDomainSnapshotHandle snapshot, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSnapshotDelete(SafeDomainSnapshotHandle snapshot, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSnapshotIsCurrent(SafeDomainSnapshotHandle snapshot, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainSnapshotListAllChildren(SafeDomainSnapshotHandle snapshot, IntPtr** snaps, uint flags);
    }
}
