using System.Runtime.InteropServices;

namespace WebVirt.Libvirt;

internal static partial class Interop
{
    internal static partial class Libvirt
    {
        internal const uint VIR_STREAM_NONBLOCK = 1;

        internal const int VIR_STREAM_EVENT_READABLE = 1;
        internal const int VIR_STREAM_EVENT_WRITABLE = 2;
        internal const int VIR_STREAM_EVENT_ERROR = 4;
        internal const int VIR_STREAM_EVENT_HANGUP = 8;

        // virStreamSend/Recv on a non-blocking stream: no data or no room right now.
        internal const int VIR_STREAM_WOULD_BLOCK = -2;

        // virStreamRecvFlags with VIR_STREAM_RECV_STOP_AT_HOLE: a hole comes next (virStreamRecvHole tells its length).
        internal const uint VIR_STREAM_RECV_STOP_AT_HOLE = 1;
        internal const int VIR_STREAM_HOLE_NEXT = -3;

        [LibraryImport(LibraryName)]
        internal static partial IntPtr virStreamNew(SafeConnectHandle conn, uint flags);

        // Raw-connection overload for streams made from a child object (see LibvirtCall.WithConnection).
        [LibraryImport(LibraryName)]
        internal static partial IntPtr virStreamNew(IntPtr conn, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamFree(IntPtr stream);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStreamSend(SafeStreamHandle stream, byte* data, nuint nbytes);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStreamRecv(SafeStreamHandle stream, byte* data, nuint nbytes);

        // Raw overload for the event callback, which gets a borrowed stream pointer from libvirt.
        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStreamRecv(IntPtr stream, byte* data, nuint nbytes);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStreamRecvFlags(SafeStreamHandle stream, byte* data, nuint nbytes, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamRecvHole(SafeStreamHandle stream, out long length, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamSendHole(SafeStreamHandle stream, long length, uint flags);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamFinish(SafeStreamHandle stream);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamAbort(SafeStreamHandle stream);

        [LibraryImport(LibraryName)]
        internal static unsafe partial int virStreamEventAddCallback(
            SafeStreamHandle stream, int events, delegate* unmanaged<IntPtr, int, IntPtr, void> cb, IntPtr opaque, delegate* unmanaged<IntPtr, void> ff);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamEventUpdateCallback(SafeStreamHandle stream, int events);

        // Raw overload for the event callback (see virStreamRecv).
        [LibraryImport(LibraryName)]
        internal static partial int virStreamEventUpdateCallback(IntPtr stream, int events);

        [LibraryImport(LibraryName)]
        internal static partial int virStreamEventRemoveCallback(SafeStreamHandle stream);
    }
}
