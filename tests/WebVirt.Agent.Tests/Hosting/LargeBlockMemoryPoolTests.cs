using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Agent.Hosting;

namespace WebVirt.Agent.Tests.Hosting;

/// <summary>
/// The agent's Kestrel memory pool: 32 KiB blocks, each handed out to one owner at a time, reused once
/// returned, and no more than <see cref="LargeBlockMemoryPool.MaxRetained"/> free blocks kept.
/// </summary>
public sealed class LargeBlockMemoryPoolTests
{
    [Fact]
    public void A_block_is_32_KiB_and_comes_back_to_the_next_renter_once_returned()
    {
        using var pool = new LargeBlockMemoryPool();

        var first = pool.Rent();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, first.Memory.Length);
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
        first.Memory.Span[0] = 42;
        var array = MemoryMarshalArray(first.Memory);
        first.Dispose();
        using var second = pool.Rent(minBufferSize: 100);

        Assert.Same(array, MemoryMarshalArray(second.Memory));
        Assert.Equal(0, pool.Retained);
    }

    [Fact]
    public void A_block_disposed_twice_is_not_handed_to_two_renters()
    {
        using var pool = new LargeBlockMemoryPool();
        var owner = pool.Rent();
        owner.Dispose();
        owner.Dispose();
        Assert.Throws<ObjectDisposedException>(() => owner.Memory);
        Assert.Equal(1, pool.Retained);

        using var a = pool.Rent();
        using var b = pool.Rent();

        Assert.NotSame(MemoryMarshalArray(a.Memory), MemoryMarshalArray(b.Memory));
    }

    [Fact]
    public void Free_blocks_kept_are_bounded_so_a_burst_does_not_stay_in_memory()
    {
        using var pool = new LargeBlockMemoryPool();
        var rented = Enumerable.Range(0, LargeBlockMemoryPool.MaxRetained + 40).Select(_ => pool.Rent()).ToList();

        rented.ForEach(block => block.Dispose());

        Assert.Equal(LargeBlockMemoryPool.MaxRetained, pool.Retained);
    }

    [Fact]
    public void More_than_a_block_or_a_disposed_pool_is_refused()
    {
        var pool = new LargeBlockMemoryPool();
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Rent(LargeBlockMemoryPool.BlockSize + 1));
        var owner = pool.Rent();
        pool.Dispose();

        owner.Dispose();

        Assert.Equal(0, pool.Retained);
        Assert.Throws<ObjectDisposedException>(() => pool.Rent());
    }

    [Fact]
    public async Task The_agent_gives_kestrel_the_large_block_pools()
    {
        await using var agent = new AgentFactory("test:///default");

        var factory = agent.Services.GetRequiredService<IMemoryPoolFactory<byte>>();

        Assert.IsType<LargeBlockMemoryPoolFactory>(factory);
        using var pool = factory.Create();
        Assert.Equal(LargeBlockMemoryPool.BlockSize, pool.MaxBufferSize);
    }

    private static byte[] MemoryMarshalArray(Memory<byte> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray<byte>(memory, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
