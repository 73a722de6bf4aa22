using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct virStorageVolInfo
        {
            public int type;
            public ulong capacity;
            public ulong allocation;
        }

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolFree(IntPtr vol);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStorageVolLookupByName(SafeStoragePoolHandle pool, string name);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStorageVolLookupByPath(SafeConnectHandle conn, string path);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStorageVolLookupByKey(SafeConnectHandle conn, string key);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStorageVolCreateXML(SafeStoragePoolHandle pool, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virStorageVolCreateXMLFrom(SafeStoragePoolHandle pool, string xml, SafeStorageVolHandle clonevol, uint flags);

        // Borrowed: valid as long as the volume object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStorageVolGetName(IntPtr vol);

        // Borrowed, like the name.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStorageVolGetKey(IntPtr vol);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStorageVolGetPath(SafeStorageVolHandle vol);

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolGetInfo(SafeStorageVolHandle vol, out virStorageVolInfo info);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virStorageVolGetXMLDesc(SafeStorageVolHandle vol, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolDelete(SafeStorageVolHandle vol, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolWipe(SafeStorageVolHandle vol, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolResize(SafeStorageVolHandle vol, ulong capacity, uint flags);

        // VIR_STORAGE_VOL_UPLOAD_SPARSE_STREAM and VIR_STORAGE_VOL_DOWNLOAD_SPARSE_STREAM: holes travel as their length.
        internal const uint VIR_STORAGE_VOL_SPARSE_STREAM = 1;

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolUpload(SafeStorageVolHandle vol, SafeStreamHandle stream, ulong offset, ulong length, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStorageVolDownload(SafeStorageVolHandle vol, SafeStreamHandle stream, ulong offset, ulong length, uint flags);
    }
}
