using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        [StructLayout(LayoutKind.Sequential)]
        internal unsafe struct virError
        {
            public int code;
            public int domain;
            public byte* message;
            public int level;
            public IntPtr conn;
            public IntPtr dom;
            public byte* str1;
            public byte* str2;
            public byte* str3;
            public int int1;
            public int int2;
            public IntPtr net;
        }

        // Returns a thread-local error owned by libvirt: read it, never free it.
        [LibraryImport(LibraryName)]
        internal static unsafe partial virError* virGetLastError();

        [LibraryImport(LibraryName)]
        internal static partial void virResetLastError();

        [LibraryImport(LibraryName)]
        internal static unsafe partial void virSetErrorFunc(IntPtr userData, delegate* unmanaged<IntPtr, virError*, void> handler);
    }
}
