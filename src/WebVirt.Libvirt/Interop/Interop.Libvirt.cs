using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

// Partial by area (errors, connect, domain, events, stats) so each file stays small;
// every entry point keeps libvirt's C name.
internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const string LibraryName = "libvirt.so.0";

        // VIR_UUID_STRING_BUFLEN: 36 characters plus the terminating NUL.
        internal const int UuidStringBufferLength = 37;

        [LibraryImport(LibraryName, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int virInitialize();

        // libvirt allocates returned strings and arrays with malloc; free() is what NativeMemory.Free calls.
        internal static unsafe string? TakeOwnedString(byte* value)
        {
            if (value == null)
            {
                return null;
            }

            try
            {
                return Marshal.PtrToStringUTF8((IntPtr)value);
            }
            finally
            {
                NativeMemory.Free(value);
            }
        }

        internal static unsafe string? BorrowString(byte* value) =>
            value == null ? null : Marshal.PtrToStringUTF8((IntPtr)value);
    }
}
