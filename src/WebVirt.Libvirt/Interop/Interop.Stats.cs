using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const int VIR_TYPED_PARAM_INT = 1;
        internal const int VIR_TYPED_PARAM_UINT = 2;
        internal const int VIR_TYPED_PARAM_LLONG = 3;
        internal const int VIR_TYPED_PARAM_ULLONG = 4;
        internal const int VIR_TYPED_PARAM_DOUBLE = 5;
        internal const int VIR_TYPED_PARAM_BOOLEAN = 6;
        internal const int VIR_TYPED_PARAM_STRING = 7;

        [StructLayout(LayoutKind.Explicit)]
        internal unsafe struct virTypedParameterValue
        {
            [FieldOffset(0)] public int i;
            [FieldOffset(0)] public uint ui;
            [FieldOffset(0)] public long l;
            [FieldOffset(0)] public ulong ul;
            [FieldOffset(0)] public double d;
            [FieldOffset(0)] public byte b;
            [FieldOffset(0)] public byte* s;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virTypedParameter
        {
            public fixed byte field[80];
            public int type;
            public virTypedParameterValue value;
        }

        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virDomainStatsRecord
        {
            public IntPtr dom;
            public virTypedParameter* @params;
            public int nparams;
        }

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virConnectGetAllDomainStats(SafeConnectHandle conn, uint stats, virDomainStatsRecord*** retStats, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virDomainListGetStats(IntPtr* doms, uint stats, virDomainStatsRecord*** retStats, uint flags);

        [LibraryImport(LibraryName)]
        internal static unsafe partial void virDomainStatsRecordListFree(virDomainStatsRecord** stats);
    }
}
