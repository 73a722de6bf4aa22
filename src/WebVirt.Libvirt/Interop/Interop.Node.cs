using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virNodeCPUStats
        {
            public fixed byte field[80];
            public ulong value;
        }

        internal const int VIR_NODE_CPU_STATS_ALL_CPUS = -1;

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virNodeGetCPUStats(SafeConnectHandle conn, int cpuNum, virNodeCPUStats* stats, ref int nparams, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial byte* virConnectGetDomainCapabilities(
            SafeConnectHandle conn, string? emulatorbin, string? arch, string? machine, string? virttype, uint flags);

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static unsafe partial int virConnectGetCPUModelNames(SafeConnectHandle conn, string arch, byte*** models, uint flags);
    }
}
