namespace WebVirt.Web.Tests.Console;

/// <summary>
/// The agent's side of a console relay, scripted: reads give the screen's bytes as a socket holding all of them would
/// (as many as asked for, up to what is left), then the end of the stream or, without <c>endAfterScreen</c>, nothing
/// until the relay stops. Writes (what the browser typed) are kept with their sizes.
/// </summary>
internal sealed class ScriptedVncStream(byte[] screen, bool endAfterScreen) : Stream
{
    private readonly MemoryStream _screen = new(screen, writable: false);
    private readonly MemoryStream _written = new();
    private readonly List<int> _writeSizes = [];
    private readonly Lock _gate = new();

    public byte[] Written
    {
        get
        {
            lock (_gate)
            {
                return _written.ToArray();
            }
        }
    }

    public IReadOnlyList<int> WriteSizes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writeSizes];
            }
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = _screen.Read(buffer.Span);
        if (read == 0 && !endAfterScreen)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return read;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _written.Write(buffer.Span);
            _writeSizes.Add(buffer.Length);
        }

        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the relay reads asynchronously");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the relay writes asynchronously");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _screen.Dispose();
            _written.Dispose();
        }

        base.Dispose(disposing);
    }
}
