using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace WebVirt.Agent.Hosting;

/// <summary>
/// Kestrel's memory for this agent, in blocks of 32 KiB instead of Kestrel's own 4 KiB. Kestrel receives
/// from a socket into one block at a time, so a migration stream arriving through the tunnel (100 MB and
/// more per guest) cost two system calls per 4 KiB, and on a paravirtualized host each call is dear:
/// with these blocks a loopback relay across TLS (its writer and reader included) spends 4.3–4.7 ms of
/// CPU per MB instead of 6.5 (bench/README.md,
/// "The stream itself, and what the tunnel costs"). At most <see cref="MaxRetained"/> free blocks are
/// kept (1 MiB, what a stream's full input pipe holds), so a burst of transfers does not stay in
/// memory afterwards; Kestrel makes a pool per listener and I/O queue (one per core, at most 16).
/// </summary>
internal sealed class LargeBlockMemoryPool : MemoryPool<byte>
{
    public const int BlockSize = 32 * 1024;

    /// <summary>Free blocks kept for reuse; a block returned beyond these is left to the GC.</summary>
    public const int MaxRetained = 32;

    private readonly ConcurrentQueue<Block> _free = new();
    private int _retained;
    private volatile bool _disposed;

    public override int MaxBufferSize => BlockSize;

    /// <summary>Free blocks held now.</summary>
    internal int Retained => Volatile.Read(ref _retained);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // A pipe asks the pool only for sizes up to MaxBufferSize and takes larger ones elsewhere.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, BlockSize);
        if (_free.TryDequeue(out var block))
        {
            Interlocked.Decrement(ref _retained);
        }
        else
        {
            // Pinned, as Kestrel's own blocks are: sockets pin a buffer for each receive and send.
            block = new Block(this, GC.AllocateUninitializedArray<byte>(BlockSize, pinned: true));
        }

        block.Lease();
        return block;
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _free.Clear();
        Volatile.Write(ref _retained, 0);
    }

    private void Return(Block block)
    {
        if (_disposed)
        {
            return;
        }

        if (Interlocked.Increment(ref _retained) > MaxRetained)
        {
            Interlocked.Decrement(ref _retained);
            return;
        }

        _free.Enqueue(block);
    }

    private sealed class Block(LargeBlockMemoryPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private int _leased;

        public Memory<byte> Memory => Volatile.Read(ref _leased) == 1 ? array : throw new ObjectDisposedException(nameof(Block));

        public void Lease() => Volatile.Write(ref _leased, 1);

        public void Dispose()
        {
            // Once only: a second Dispose must not put the block in the free list twice.
            if (Interlocked.Exchange(ref _leased, 0) == 1)
            {
                pool.Return(this);
            }
        }
    }
}

/// <summary>Gives Kestrel's socket transport a <see cref="LargeBlockMemoryPool"/> for each listener and I/O queue.</summary>
internal sealed class LargeBlockMemoryPoolFactory : IMemoryPoolFactory<byte>
{
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new LargeBlockMemoryPool();
}
