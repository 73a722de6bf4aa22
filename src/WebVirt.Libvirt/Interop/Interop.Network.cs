using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virNetworkDHCPLease
        {
            public byte* iface;
            public long expirytime;
            public int type;
            public byte* mac;
            public byte* iaid;
            public byte* ipaddr;
            public uint prefix;
            public byte* hostname;
            public byte* clientid;
        }

        internal const uint VIR_NETWORK_XML_INACTIVE = 1;

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkFree(IntPtr network);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectListAllNetworks(SafeConnectHandle conn, IntPtr** nets, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virNetworkLookupByName(SafeConnectHandle conn, string name);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virNetworkLookupByUUIDString(SafeConnectHandle conn, string uuid);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virNetworkDefineXMLFlags(SafeConnectHandle conn, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virNetworkCreateXMLFlags(SafeConnectHandle conn, string xml, uint flags);

        // Borrowed: valid as long as the network object lives.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virNetworkGetName(IntPtr network);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virNetworkGetUUIDString(IntPtr network, byte* buf);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virNetworkGetXMLDesc(SafeNetworkHandle network, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virNetworkGetBridgeName(SafeNetworkHandle network);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkCreate(SafeNetworkHandle network);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkDestroy(SafeNetworkHandle network);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkUndefine(SafeNetworkHandle network);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkGetAutostart(SafeNetworkHandle network, out int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkSetAutostart(SafeNetworkHandle network, int autostart);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkIsActive(SafeNetworkHandle network);

        [LibraryImport(LibraryName)]
        internal static partial int virNetworkIsPersistent(SafeNetworkHandle network);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virNetworkGetDHCPLeases(SafeNetworkHandle network, string? mac, virNetworkDHCPLease*** leases, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial void virNetworkDHCPLeaseFree(virNetworkDHCPLease* lease);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virNetworkUpdate(SafeNetworkHandle network, uint command, uint section, int parentIndex, string xml, uint flags);
    }
}
