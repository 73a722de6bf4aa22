using System.Security.Cryptography;

namespace WebVirt.Agent.Storage;

/// <summary>
/// The response body as the volume upload reads it: the bytes already read to tell the format come
/// first, every byte goes through the hash, and a read that sees nothing for <see cref="DownloadLimits.Idle"/>
/// fails with <see cref="DownloadIdleException"/>. Read-only and forward-only, one caller buffer at a time.
/// </summary>
internal sealed class DownloadBodyStream(ReadOnlyMemory<byte> head, Stream body, HashAlgorithmName algorithm, TimeSpan idle) : Stream
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(algorithm);
    private ReadOnlyMemory<byte> _head = head;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>The lower-case hex sum of everything read so far (call once, at the end).</summary>
    public string HashHex() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        if (!_head.IsEmpty)
        {
            read = Math.Min(buffer.Length, _head.Length);
            _head[..read].CopyTo(buffer);
            _head = _head[read..];
        }
        else
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(idle);
            try
            {
                read = await body.ReadAsync(buffer, stall.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new DownloadIdleException(idle);
            }
        }

        _hash.AppendData(buffer.Span[..read]);
        BytesRead += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // The upload reads asynchronously only; a blocking read would hold a thread-pool thread for the idle time.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
            _hash.Dispose();
            body.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>No byte arrived for the idle time: the server or the network stalled.</summary>
internal sealed class DownloadIdleException(TimeSpan idle) : IOException($"no data for {idle.TotalSeconds:0} s")
{
    public TimeSpan Idle { get; } = idle;
}
