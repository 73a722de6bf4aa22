using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainBlockInfo
        {
            public ulong capacity;
            public ulong allocation;
            public ulong physical;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainInterfaceStatsStruct
        {
            public long rx_bytes;
            public long rx_packets;
            public long rx_errs;
            public long rx_drop;
            public long tx_bytes;
            public long tx_packets;
            public long tx_errs;
            public long tx_drop;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal struct virDomainBlockStatsStruct
        {
            public long rd_req;
            public long rd_bytes;
            public long wr_req;
            public long wr_bytes;
            public long errs;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virDomainIPAddress
        {
            public int type;
            public byte* addr;
            public uint prefix;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virDomainInterface
        {
            public byte* name;
            public byte* hwaddr;
            public uint naddrs;
            public virDomainIPAddress* addrs;
        }

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virDomainDefineXMLFlags(SafeConnectHandle conn, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainAttachDeviceFlags(SafeDomainHandle domain, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainDetachDeviceFlags(SafeDomainHandle domain, string xml, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainUpdateDeviceFlags(SafeDomainHandle domain, string xml, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSetVcpusFlags(SafeDomainHandle domain, uint nvcpus, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSetMemoryFlags(SafeDomainHandle domain, CULong memory, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virDomainSetMaxMemory(SafeDomainHandle domain, CULong memory);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainBlockResize(SafeDomainHandle domain, string disk, ulong size, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainGetBlockInfo(SafeDomainHandle domain, string disk, out virDomainBlockInfo info, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainInterfaceStats(SafeDomainHandle domain, string device, out virDomainInterfaceStatsStruct stats, nuint size);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainBlockStats(SafeDomainHandle domain, string disk, out virDomainBlockStatsStruct stats, nuint size);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainSetMetadata(SafeDomainHandle domain, int type, string? metadata, string? key, string? uri, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial byte* virDomainGetMetadata(SafeDomainHandle domain, int type, string? uri, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainInterfaceAddresses(SafeDomainHandle domain, virDomainInterface*** ifaces, uint source, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial void virDomainInterfaceFree(virDomainInterface* iface);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial byte* virDomainScreenshot(SafeDomainHandle domain, SafeStreamHandle stream, uint screen, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virDomainOpenConsole(SafeDomainHandle domain, string? devName, SafeStreamHandle stream, uint flags);
    }
}
