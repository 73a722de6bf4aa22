using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct virStoragePoolInfo
        {
            public int state;
            public ulong capacity;
            public ulong allocation;
            public ulong available;
        }

        internal const uint VIR_STORAGE_XML_INACTIVE = 1;

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolFree(IntPtr pool);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectListAllStoragePools(SafeConnectHandle conn, IntPtr** pools, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStoragePoolLookupByName(SafeConnectHandle conn, string name);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStoragePoolLookupByUUIDString(SafeConnectHandle conn, string uuid);

        [LibraryImport(LibraryName)]
        internal static partial IntPtr virStoragePoolLookupByVolume(SafeStorageVolHandle vol);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStoragePoolDefineXML(SafeConnectHandle conn, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStoragePoolCreateXML(SafeConnectHandle conn, string xml, uint flags);

        // Borrowed: valid as long as the pool object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStoragePoolGetName(IntPtr pool);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStoragePoolGetUUIDString(IntPtr pool, byte* buf);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStoragePoolGetXMLDesc(SafeStoragePoolHandle pool, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolGetInfo(SafeStoragePoolHandle pool, out virStoragePoolInfo info);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolBuild(SafeStoragePoolHandle pool, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolCreate(SafeStoragePoolHandle pool, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolDestroy(SafeStoragePoolHandle pool);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolUndefine(SafeStoragePoolHandle pool);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolDelete(SafeStoragePoolHandle pool, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolRefresh(SafeStoragePoolHandle pool, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolGetAutostart(SafeStoragePoolHandle pool, out int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolSetAutostart(SafeStoragePoolHandle pool, int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolIsActive(SafeStoragePoolHandle pool);

        [LibraryImport(LibraryName)]
        internal static partial int virStoragePoolIsPersistent(SafeStoragePoolHandle pool);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStoragePoolListAllVolumes(SafeStoragePoolHandle pool, IntPtr** vols, uint flags);
    }
}
