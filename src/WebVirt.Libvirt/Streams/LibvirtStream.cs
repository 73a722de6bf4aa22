using System.Diagnostics;

namespace WebVirt.Libvirt.Streams;

/// <summary>
/// virStreamPtr: the data channel of volume upload/download, screenshots and consoles.
/// Blocking streams (the default) block the calling thread in Send/Receive; call them from a
/// pool thread, never from the libvirt event loop thread (it delivers the data they wait for).
/// Non-blocking streams (consoles) are read through <see cref="StartReceiving"/> and
/// <see cref="ReceiveAsync"/>, which are driven by libvirt's stream events.
/// </summary>
public sealed class LibvirtStream : IDisposable
{
    // Returned by Send/Receive on a non-blocking stream that has no room or no data right now.
    public const int WouldBlock = Interop.Libvirt.VIR_STREAM_WOULD_BLOCK;

    private readonly SafeStreamHandle _handle;
    private readonly Lock _gate = new();
    private StreamEvents? _events;
    private int _state;

    private LibvirtStream(SafeStreamHandle handle, bool nonBlocking)
    {
        _handle = handle;
        IsNonBlocking = nonBlocking;
    }

    public bool IsNonBlocking { get; }

    public LibvirtStreamState State => (LibvirtStreamState)Volatile.Read(ref _state);

    internal SafeStreamHandle Handle => _handle;

    internal int ReceivePauses => _events?.Pauses ?? 0;

    // A stream for a call on owner (a domain or volume); it keeps owner, and so the connection, alive.
    internal static LibvirtStream Create(LibvirtChildHandle owner, bool nonBlocking)
    {
        IntPtr raw = LibvirtCall.WithConnection(
            owner,
            conn => Interop.Libvirt.virStreamNew(conn, nonBlocking ? Interop.Libvirt.VIR_STREAM_NONBLOCK : 0));
        LibvirtCall.CheckPointer(raw, nameof(Interop.Libvirt.virStreamNew));
        return new LibvirtStream(SafeStreamHandle.Own(raw, owner), nonBlocking);
    }

    internal static LibvirtStream Create(SafeConnectHandle connection, bool nonBlocking)
    {
        IntPtr raw = LibvirtCall.CheckPointer(
            Interop.Libvirt.virStreamNew(connection, nonBlocking ? Interop.Libvirt.VIR_STREAM_NONBLOCK : 0),
            nameof(Interop.Libvirt.virStreamNew));
        return new LibvirtStream(SafeStreamHandle.Own(raw, connection), nonBlocking);
    }

    /// <summary>Bytes accepted, which may be fewer than offered; <see cref="WouldBlock"/> on a full non-blocking stream.</summary>
    public unsafe int Send(ReadOnlySpan<byte> data)
    {
        fixed (byte* pointer = data)
        {
            int sent = Interop.Libvirt.virStreamSend(_handle, pointer, (nuint)data.Length);
            return sent == WouldBlock ? sent : CheckTransfer(sent, nameof(Interop.Libvirt.virStreamSend));
        }
    }

    // Blocking streams only: returns when libvirt has taken every byte.
    public void SendAll(ReadOnlySpan<byte> data)
    {
        ThrowIfNonBlocking();
        while (!data.IsEmpty)
        {
            data = data[Send(data)..];
        }
    }

    /// <summary>Bytes read; 0 at the end of the stream; <see cref="WouldBlock"/> on an empty non-blocking stream.</summary>
    public unsafe int Receive(Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            int received = Interop.Libvirt.virStreamRecv(_handle, pointer, (nuint)buffer.Length);
            return received == WouldBlock ? received : CheckTransfer(received, nameof(Interop.Libvirt.virStreamRecv));
        }
    }

    // Sparse streams (blocking): bytes read, 0 at the end, or HoleNext when a hole comes before more data.
    internal unsafe int ReceiveUntilHole(Span<byte> buffer)
    {
        ThrowIfNonBlocking();
        fixed (byte* pointer = buffer)
        {
            int received = Interop.Libvirt.virStreamRecvFlags(_handle, pointer, (nuint)buffer.Length, Interop.Libvirt.VIR_STREAM_RECV_STOP_AT_HOLE);
            return received == HoleNext ? received : CheckTransfer(received, nameof(Interop.Libvirt.virStreamRecvFlags));
        }
    }

    internal const int HoleNext = Interop.Libvirt.VIR_STREAM_HOLE_NEXT;

    // The length of the hole ReceiveUntilHole stopped at.
    internal long ReceiveHole()
    {
        LibvirtCall.Check(Interop.Libvirt.virStreamRecvHole(_handle, out long length, 0), nameof(Interop.Libvirt.virStreamRecvHole));
        return length;
    }

    internal void SendHole(long length) =>
        LibvirtCall.Check(Interop.Libvirt.virStreamSendHole(_handle, length, 0), nameof(Interop.Libvirt.virStreamSendHole));

    // Non-blocking streams: sends every byte, waiting for libvirt's writable event when full.
    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        while (!data.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int sent = Send(data.Span);
            if (sent == WouldBlock)
            {
                ThrowIfBlocking();
                await EnsureEvents(receive: false).WaitWritableAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            data = data[sent..];
        }
    }

    /// <summary>
    /// Starts event-driven receiving on a non-blocking stream: the event loop thread reads what
    /// arrives into a queue of at most <paramref name="maxQueuedChunks"/> chunks and stops reading
    /// while the queue is full, so a slow consumer pushes back on the guest instead of growing memory.
    /// </summary>
    public void StartReceiving(int maxQueuedChunks = 64)
    {
        ThrowIfBlocking();
        ArgumentOutOfRangeException.ThrowIfLessThan(maxQueuedChunks, 2);
        EnsureEvents(receive: true, maxQueuedChunks);
    }

    /// <summary>The next chunk received; empty at the end of the stream. Needs <see cref="StartReceiving"/>.</summary>
    public ValueTask<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        StreamEvents events = _events ?? throw new InvalidOperationException("call StartReceiving first");
        return events.ReadAsync(cancellationToken);
    }

    public void Finish()
    {
        RemoveEvents();
        LibvirtCall.Check(Interop.Libvirt.virStreamFinish(_handle), nameof(Interop.Libvirt.virStreamFinish));
        Volatile.Write(ref _state, (int)LibvirtStreamState.Finished);
    }

    public void Abort()
    {
        RemoveEvents();
        Volatile.Write(ref _state, (int)LibvirtStreamState.Aborted);
        LibvirtCall.Check(Interop.Libvirt.virStreamAbort(_handle), nameof(Interop.Libvirt.virStreamAbort));
    }

    // For failure paths: the original error matters more than one from aborting.
    internal void AbortQuietly()
    {
        try
        {
            Abort();
        }
        catch (LibvirtException exception)
        {
            Trace.TraceWarning("virStreamAbort failed: {0}", exception.Message);
        }
    }

    public void Dispose()
    {
        if (_handle.IsClosed)
        {
            return;
        }

        // libvirt requires Finish or Abort before the last reference goes; an open stream is aborted.
        if (State == LibvirtStreamState.Open)
        {
            AbortQuietly();
        }
        else
        {
            RemoveEvents();
        }

        _handle.Dispose();
    }

    private StreamEvents EnsureEvents(bool receive, int maxQueuedChunks = 64)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_handle.IsClosed, this);
            if (_events is null)
            {
                _events = StreamEvents.Register(_handle, maxQueuedChunks);
            }

            if (receive)
            {
                _events.EnableReceive();
            }

            return _events;
        }
    }

    private void RemoveEvents()
    {
        lock (_gate)
        {
            _events?.Remove();
        }
    }

    private void ThrowIfNonBlocking()
    {
        if (IsNonBlocking)
        {
            throw new InvalidOperationException("this call blocks; use SendAsync on a non-blocking stream");
        }
    }

    private void ThrowIfBlocking()
    {
        if (!IsNonBlocking)
        {
            throw new InvalidOperationException("stream events need a non-blocking stream");
        }
    }

    private static int CheckTransfer(int result, string function)
    {
        LibvirtCall.Check(result, function);
        return result;
    }
}
