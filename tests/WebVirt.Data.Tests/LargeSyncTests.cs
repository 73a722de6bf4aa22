using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Infrastructure.Guests;

namespace WebVirt.Data.Tests;

public sealed class LargeSyncTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const int GuestCount = 1_000;

    // Generous for batching of 2,000 rows, far below the one-round-trip-per-guest this guards against.
    private const int MaxCommandsPerSync = 20;

    [Fact]
    public async Task A_thousand_guests_sync_in_one_read_and_a_few_batched_writes()
    {
        var counter = new CommandCounter();
        var store = new InventoryStore(CountingFactory(counter), TimeProvider.System);
        var hostId = NewHostId();
        await store.EnsureHostAsync(hostId, "big", "10.0.0", "9.2.0", CancellationToken.None);
        var uuids = Enumerable.Range(0, GuestCount).Select(_ => Guid.NewGuid()).ToArray();

        counter.Clear();
        await store.SyncGuestsAsync(hostId, uuids.Select(u => Guest(hostId, u)).ToArray(), TestClock.At(1), CancellationToken.None);
        AssertOneReadAndFewCommands(counter);
        Assert.Equal(GuestCount, (await database.GuestsAsync(hostId)).Count);
        Assert.Equal(GuestCount, (await database.ChangesAsync(hostId)).Count);

        counter.Clear();
        await store.SyncGuestsAsync(
            hostId, uuids.Select(u => Guest(hostId, u, GuestState.ShutOff)).ToArray(), TestClock.At(2), CancellationToken.None);
        AssertOneReadAndFewCommands(counter);
        Assert.All((await database.GuestsAsync(hostId)).Values, g => Assert.Equal(GuestState.ShutOff, g.State));
        Assert.Equal(GuestCount, (await database.ChangesAsync(hostId)).Count(c => c.FromState == GuestState.Running));

        await store.SyncGuestsAsync(hostId, [], TestClock.At(3), CancellationToken.None);
        Assert.All((await database.GuestsAsync(hostId)).Values, g => Assert.Equal(TestClock.At(3), g.RemovedAt));
    }

    private static void AssertOneReadAndFewCommands(CommandCounter counter)
    {
        var commands = counter.Commands;
        Assert.Single(commands, c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));
        Assert.InRange(commands.Count, 2, MaxCommandsPerSync);
    }

    private PooledDbContextFactory<AgentDbContext> CountingFactory(CommandCounter counter)
    {
        var options = new DbContextOptionsBuilder<AgentDbContext>();
        AgentDbContextOptions.Configure(options, database.ConnectionString).AddInterceptors(counter);
        return new PooledDbContextFactory<AgentDbContext>(options.Options);
    }
}
