using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests;

/// <summary>The web's migration batches in PostgreSQL: written whole, read back running and newest ended, the older ended ones pruned.</summary>
public sealed class MigrationBatchStoreTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private MigrationBatchStore Store => database.Services.GetRequiredService<MigrationBatchStore>();

    [Fact]
    public async Task A_batch_is_inserted_once_and_each_save_writes_its_guests_and_end()
    {
        var id = NewId();
        var tokenId = Guid.NewGuid();
        var first = Batch(id, startedMinute: 0, endedMinute: null, guests: """[{"step":"Queued"}]""");
        (first.StartedById, first.StartedByTokenId) = ("user-1", tokenId);
        await Store.SaveAsync(first, CancellationToken.None);
        var running = Assert.Single(await StoredAsync(id));
        Assert.Null(running.EndedAt);
        Assert.Equal("user-1", running.StartedById);
        Assert.Equal(tokenId, running.StartedByTokenId);
        Assert.Equal("h1", running.SourceHostId);
        Assert.Equal("h2", running.DestinationHostId);
        Assert.Contains("Queued", running.Guests, StringComparison.Ordinal);

        var later = Batch(id, startedMinute: 0, endedMinute: 3, guests: """[{"step":"Moved"}]""");
        later.CancelledBy = "bob";
        await Store.SaveAsync(later, CancellationToken.None);

        var ended = Assert.Single(await StoredAsync(id));
        Assert.Equal(TestClock.At(3), ended.EndedAt);
        Assert.Equal(TestClock.At(0), ended.StartedAt);
        Assert.Equal("bob", ended.CancelledBy);
        Assert.Contains("Moved", ended.Guests, StringComparison.Ordinal);
        Assert.DoesNotContain("Queued", ended.Guests, StringComparison.Ordinal);
        // The first writer's identity stays: a later save only moves the guests and the end.
        Assert.Equal("user-1", ended.StartedById);
        Assert.Equal(tokenId, ended.StartedByTokenId);
    }

    [Fact]
    public async Task Load_gives_every_running_batch_and_the_newest_ended_ones_and_prune_deletes_only_older_ended_ones()
    {
        await ClearAsync();
        var running = NewId();
        await Store.SaveAsync(Batch(running, startedMinute: 0, endedMinute: null), CancellationToken.None);
        var ended = new List<string>();
        for (var minute = 1; minute <= 4; minute++)
        {
            var id = NewId();
            ended.Add(id);
            await Store.SaveAsync(Batch(id, startedMinute: minute, endedMinute: minute + 10), CancellationToken.None);
        }

        var loaded = await Store.LoadAsync(2, CancellationToken.None);

        Assert.Equal([running, ended[2], ended[3]], loaded.Select(b => b.Id));

        var deleted = await Store.PruneAsync(2, CancellationToken.None);

        Assert.Equal(2, deleted);
        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.Equal(new[] { running, ended[2], ended[3] }.Order(StringComparer.Ordinal), (await db.MigrationBatches.Select(b => b.Id).ToListAsync()).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Store.PruneAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task An_id_longer_than_the_column_is_refused_and_nothing_is_written()
    {
        var id = new string('x', MigrationBatchRecord.IdMaxLength + 1);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.SaveAsync(Batch(id, 0, null), CancellationToken.None));

        Assert.Empty(await StoredAsync(id));
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..16];

    private static MigrationBatchRecord Batch(string id, int startedMinute, int? endedMinute, string guests = "[]") => new()
    {
        Id = id,
        StartedBy = "alice",
        SourceHostId = "h1",
        DestinationHostId = "h2",
        Choice = """{"destinationHostId":"h2","live":true}""",
        Guests = guests,
        StartedAt = TestClock.At(startedMinute),
        EndedAt = endedMinute is { } ended ? TestClock.At(ended) : null,
    };

    private async Task<List<MigrationBatchRecord>> StoredAsync(string id)
    {
        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        return await db.MigrationBatches.AsNoTracking().Where(b => b.Id == id).ToListAsync();
    }

    private async Task ClearAsync()
    {
        await using var db = await database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        await db.MigrationBatches.ExecuteDeleteAsync();
    }
}
