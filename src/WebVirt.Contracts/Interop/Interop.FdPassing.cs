using System.Runtime.InteropServices;

namespace WebVirt.Contracts.Interop;

/// <summary>
/// libc's sendmsg and recvmsg with one SCM_RIGHTS file descriptor, for the console hand-off. Linux LP64 layouts
/// (x86-64 and arm64 share them): msghdr pads its 32-bit name length to the next pointer, a cmsghdr is 16 bytes
/// and its data is 8-byte aligned.
/// </summary>
internal static unsafe partial class FdPassing
{
    private const int SolSocket = 1;
    private const int ScmRights = 1;
    private const int MsgDontWait = 0x40;
    private const int MsgNoSignal = 0x4000;
    private const int MsgCTrunc = 0x8;
    private const int MsgCmsgCloexec = 0x40000000;
    private const int EAgain = 11;
    private const int EIntr = 4;

    private const int CmsgHeaderSize = 16;
    private const int CmsgLength = CmsgHeaderSize + sizeof(int);
    // CMSG_SPACE(sizeof(int)): the header and the data rounded up to 8 bytes.
    private const int ControlSpace = CmsgHeaderSize + 8;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct ControlHeader
    {
        public nuint Length;
        public int Level;
        public int Type;
    }

    [LibraryImport("libc", EntryPoint = "sendmsg", SetLastError = true)]
    private static partial nint SendMessage(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static partial nint ReceiveMessage(int socket, MessageHeader* message, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);

    /// <summary>Sends <paramref name="data"/> in one message, with <paramref name="passed"/>'s descriptor attached when given.</summary>
    public static void Send(SafeHandle socket, ReadOnlySpan<byte> data, SafeHandle? passed)
    {
        var socketAdded = false;
        var passedAdded = false;
        try
        {
            socket.DangerousAddRef(ref socketAdded);
            passed?.DangerousAddRef(ref passedAdded);
            var control = stackalloc byte[ControlSpace];
            new Span<byte>(control, ControlSpace).Clear();
            fixed (byte* bytes = data)
            {
                var iov = new IoVec { Base = bytes, Length = (nuint)data.Length };
                var message = new MessageHeader { Iov = &iov, IovLength = 1 };
                if (passed is not null)
                {
                    var header = (ControlHeader*)control;
                    header->Length = CmsgLength;
                    header->Level = SolSocket;
                    header->Type = ScmRights;
                    *(int*)(control + CmsgHeaderSize) = (int)passed.DangerousGetHandle();
                    message.Control = control;
                    message.ControlLength = ControlSpace;
                }

                nint sent;
                do
                {
                    sent = SendMessage((int)socket.DangerousGetHandle(), &message, MsgNoSignal);
                }
                while (sent < 0 && Marshal.GetLastPInvokeError() == EIntr);

                if (sent < 0)
                {
                    throw new IOException("sendmsg failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
                }

                if (sent != data.Length)
                {
                    throw new IOException($"sendmsg sent {sent} of {data.Length} bytes.");
                }
            }
        }
        finally
        {
            if (passedAdded)
            {
                passed!.DangerousRelease();
            }

            if (socketAdded)
            {
                socket.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Receives what is waiting, without blocking, and the descriptor that came with it (owned by the caller).
    /// Null when nothing is waiting yet; 0 bytes when the peer closed.
    /// </summary>
    public static (int Read, int Descriptor)? TryReceive(SafeHandle socket, Span<byte> buffer)
    {
        var added = false;
        try
        {
            socket.DangerousAddRef(ref added);
            var control = stackalloc byte[ControlSpace];
            new Span<byte>(control, ControlSpace).Clear();
            fixed (byte* bytes = buffer)
            {
                var iov = new IoVec { Base = bytes, Length = (nuint)buffer.Length };
                var message = new MessageHeader { Iov = &iov, IovLength = 1, Control = control, ControlLength = ControlSpace };
                nint read;
                do
                {
                    read = ReceiveMessage((int)socket.DangerousGetHandle(), &message, MsgDontWait | MsgCmsgCloexec);
                }
                while (read < 0 && Marshal.GetLastPInvokeError() == EIntr);

                if (read < 0)
                {
                    var error = Marshal.GetLastPInvokeError();
                    return error == EAgain ? null : throw new IOException("recvmsg failed: " + Marshal.GetPInvokeErrorMessage(error));
                }

                var descriptor = -1;
                var header = (ControlHeader*)control;
                if (message.ControlLength >= CmsgLength && header->Level == SolSocket && header->Type == ScmRights)
                {
                    var count = (int)(header->Length - CmsgHeaderSize) / sizeof(int);
                    var fds = (int*)(control + CmsgHeaderSize);
                    descriptor = fds[0];
                    for (var i = 1; i < count; i++)
                    {
                        // Only one was asked for; any other would leak.
                        _ = Close(fds[i]);
                    }
                }

                if ((message.Flags & MsgCTrunc) != 0)
                {
                    if (descriptor >= 0)
                    {
                        _ = Close(descriptor);
                    }

                    throw new IOException("recvmsg: the descriptors sent did not fit.");
                }

                return ((int)read, descriptor);
            }
        }
        finally
        {
            if (added)
            {
                socket.DangerousRelease();
            }
        }
    }
}
