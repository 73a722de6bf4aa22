using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virNodeInfo
        {
            public fixed byte model[32];
            public CULong memory;
            public uint cpus;
            public uint mhz;
            public uint nodes;
            public uint sockets;
            public uint cores;
            public uint threads;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virNodeMemoryStats
        {
            public fixed byte field[80];
            public ulong value;
        }

        internal const int VIR_NODE_MEMORY_STATS_ALL_CELLS = -1;

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial IntPtr virConnectOpen(string? name);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectClose(IntPtr conn);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectIsAlive(SafeConnectHandle conn);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virConnectGetURI(SafeConnectHandle conn);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virConnectGetHostname(SafeConnectHandle conn);

        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virConnectGetCapabilities(SafeConnectHandle conn);

        // Borrowed: the driver name is a static string.
        [LibraryImport(LibraryName)]
        internal static unsafe partial byte* virConnectGetType(SafeConnectHandle conn);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectGetLibVersion(SafeConnectHandle conn, out CULong libVer);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectGetVersion(SafeConnectHandle conn, out CULong hvVer);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virNodeGetInfo(SafeConnectHandle conn, virNodeInfo* info);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virNodeGetMemoryStats(SafeConnectHandle conn, int cellNum, virNodeMemoryStats* stats, ref int nparams, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virConnectSetKeepAlive(SafeConnectHandle conn, int interval, uint count);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectRegisterCloseCallback(
            SafeConnectHandle conn, delegate* unmanaged<IntPtr, int, IntPtr, void> cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> freecb);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectUnregisterCloseCallback(SafeConnectHandle conn, delegate* unmanaged<IntPtr, int, IntPtr, void> cb);
    }
}
