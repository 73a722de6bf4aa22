using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace WebVirt.Libvirt.Streams;

// The virStreamEventAddCallback registration of one non-blocking stream. The callback runs on the
// libvirt event loop thread: it only copies received bytes into a bounded channel and wakes a
// waiting sender, never blocks. While the channel is full READABLE is taken out of the event mask,
// so libvirt stops delivering (and the remote side's window fills); the consumer puts it back once
// the channel has drained to half. libvirt owns the GCHandle until it calls FreeContext.
internal sealed class StreamEvents
{
    private const int ChunkSize = 64 * 1024;
    private const int BaseEvents = Interop.Libvirt.VIR_STREAM_EVENT_ERROR | Interop.Libvirt.VIR_STREAM_EVENT_HANGUP;

    private readonly SafeStreamHandle _stream;
    private readonly int _capacity;
    private readonly Channel<byte[]> _chunks;
    private readonly byte[] _buffer = new byte[ChunkSize];
    private readonly Lock _gate = new();
    private TaskCompletionSource? _writable;
    private bool _receiving;
    private bool _paused;
    private bool _removed;
    private int _mask = BaseEvents;
    private int _pauses;

    private StreamEvents(SafeStreamHandle stream, int capacity)
    {
        _stream = stream;
        _capacity = capacity;
        _chunks = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = true });
    }

    // How often reading was paused because the consumer fell behind; lets tests see flow control act.
    internal int Pauses => Volatile.Read(ref _pauses);

    internal static unsafe StreamEvents Register(SafeStreamHandle stream, int capacity)
    {
        var events = new StreamEvents(stream, capacity);
        GCHandle context = GCHandle.Alloc(events);
        if (Interop.Libvirt.virStreamEventAddCallback(stream, events._mask, &OnEvent, GCHandle.ToIntPtr(context), &FreeContext) < 0)
        {
            LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virStreamEventAddCallback));

            // libvirt does not call the free callback for a registration that failed.
            context.Free();
            throw error;
        }

        return events;
    }

    internal void EnableReceive()
    {
        lock (_gate)
        {
            if (_receiving || _removed)
            {
                return;
            }

            _receiving = true;
            SetMaskLocked(_mask | Interop.Libvirt.VIR_STREAM_EVENT_READABLE);
        }
    }

    internal async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_chunks.Reader.TryRead(out byte[]? chunk))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        lock (_gate)
        {
            if (_paused && !_removed && _chunks.Reader.Count <= _capacity / 2)
            {
                _paused = false;
                SetMaskLocked(_mask | Interop.Libvirt.VIR_STREAM_EVENT_READABLE);
            }
        }

        return chunk;
    }

    internal Task WaitWritableAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_removed, this);
            _writable ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            SetMaskLocked(_mask | Interop.Libvirt.VIR_STREAM_EVENT_WRITABLE);
            return _writable.Task.WaitAsync(cancellationToken);
        }
    }

    // Called before Finish/Abort/free. Readers then see the end of the stream.
    internal void Remove()
    {
        lock (_gate)
        {
            if (_removed)
            {
                return;
            }

            _removed = true;
            if (Interop.Libvirt.virStreamEventRemoveCallback(_stream) < 0)
            {
                LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virStreamEventRemoveCallback));
                Trace.TraceWarning("Removing the libvirt stream callback failed: {0}", error.Message);
            }

            _chunks.Writer.TryComplete();
            _writable?.TrySetException(new ObjectDisposedException(nameof(LibvirtStream)));
        }
    }

    private void SetMaskLocked(int mask)
    {
        if (mask == _mask)
        {
            return;
        }

        _mask = mask;
        LibvirtCall.Check(Interop.Libvirt.virStreamEventUpdateCallback(_stream, mask), nameof(Interop.Libvirt.virStreamEventUpdateCallback));
    }

    // Event loop thread. st is libvirt's own reference, valid for the call.
    private unsafe void Handle(IntPtr st, int events)
    {
        lock (_gate)
        {
            if (_removed)
            {
                return;
            }

            if ((events & Interop.Libvirt.VIR_STREAM_EVENT_WRITABLE) != 0)
            {
                _writable?.TrySetResult();
                _writable = null;
                UpdateFromCallbackLocked(st, _mask & ~Interop.Libvirt.VIR_STREAM_EVENT_WRITABLE);
            }

            if ((events & Interop.Libvirt.VIR_STREAM_EVENT_READABLE) != 0 && _receiving)
            {
                ReadAvailableLocked(st);
            }

            if ((events & BaseEvents) != 0)
            {
                // Whatever is still buffered was read above; nothing more will come.
                // A hang-up (the guest's pty closed) is an orderly end for the reader; an error is not.
                _chunks.Writer.TryComplete((events & Interop.Libvirt.VIR_STREAM_EVENT_ERROR) != 0
                    ? new IOException("the libvirt stream reported an error")
                    : null);
                UpdateFromCallbackLocked(st, 0);
            }
        }
    }

    private unsafe void ReadAvailableLocked(IntPtr st)
    {
        fixed (byte* buffer = _buffer)
        {
            while (true)
            {
                if (_chunks.Reader.Count >= _capacity)
                {
                    _paused = true;
                    _pauses++;
                    UpdateFromCallbackLocked(st, _mask & ~Interop.Libvirt.VIR_STREAM_EVENT_READABLE);
                    return;
                }

                int received = Interop.Libvirt.virStreamRecv(st, buffer, (nuint)_buffer.Length);
                if (received == Interop.Libvirt.VIR_STREAM_WOULD_BLOCK)
                {
                    return;
                }

                if (received <= 0)
                {
                    // 0 is the orderly end; a failure is handed to the reader as the channel's error.
                    Exception? error = received < 0 ? LibvirtException.FromLastError(nameof(Interop.Libvirt.virStreamRecv)) : null;
                    _chunks.Writer.TryComplete(error);
                    UpdateFromCallbackLocked(st, _mask & ~Interop.Libvirt.VIR_STREAM_EVENT_READABLE);
                    return;
                }

                _chunks.Writer.TryWrite(_buffer.AsSpan(0, received).ToArray());
            }
        }
    }

    private void UpdateFromCallbackLocked(IntPtr st, int mask)
    {
        if (mask == _mask)
        {
            return;
        }

        _mask = mask;
        if (Interop.Libvirt.virStreamEventUpdateCallback(st, mask) < 0)
        {
            LibvirtException error = LibvirtException.FromLastError(nameof(Interop.Libvirt.virStreamEventUpdateCallback));
            Trace.TraceWarning("Updating the libvirt stream callback failed: {0}", error.Message);
        }
    }

    [UnmanagedCallersOnly]
    private static void OnEvent(IntPtr st, int events, IntPtr opaque)
    {
        try
        {
            (GCHandle.FromIntPtr(opaque).Target as StreamEvents)?.Handle(st, events);
        }
        catch (Exception exception)
        {
            // An exception must not unwind into libvirt's C frames.
            Trace.TraceError("libvirt stream callback failed: {0}", exception);
        }
    }

    [UnmanagedCallersOnly]
    private static void FreeContext(IntPtr opaque) => GCHandle.FromIntPtr(opaque).Free();
}
