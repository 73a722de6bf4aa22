namespace WebVirt.E2E.Faults;

/// <summary>A file served slowly (a few KiB at a time, with pauses), so a download lasts long enough to kill its client midway.</summary>
internal sealed class TrickleStream(Stream inner) : Stream
{
    private const int Chunk = 4096;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        Thread.Sleep(Pause);
        return inner.Read(buffer, offset, Math.Min(count, Chunk));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Task.Delay(Pause, cancellationToken);
        return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, Chunk)], cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
