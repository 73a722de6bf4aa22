using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Usage.UsageHistory;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageExpiryTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Rows_past_their_tiers_retention_are_deleted_and_the_rest_kept()
    {
        var now = TestClock.At(0).AddDays(10);
        var history = await CreateAsync(database, intervalSeconds: 5, now);
        var removedGuest = Guid.NewGuid();
        var second = TimeSpan.FromSeconds(1);

        UsageSample[] expired =
        [
            Row(null, 5, now - TimeSpan.FromHours(2) - second),
            Row(removedGuest, 5, now - TimeSpan.FromHours(3)),
            // Raw rows of an earlier sampling interval expire with the raw tier.
            Row(null, 10, now - TimeSpan.FromHours(2) - second),
            Row(removedGuest, 2, now - TimeSpan.FromHours(2) - second),
            Row(null, UsageTiers.FiveMinutes, now - TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5)),
            Row(removedGuest, UsageTiers.FiveMinutes, now - TimeSpan.FromDays(3)),
            Row(null, UsageTiers.ThirtyMinutes, now - TimeSpan.FromDays(8) - TimeSpan.FromMinutes(30)),
            Row(removedGuest, UsageTiers.ThirtyMinutes, now - TimeSpan.FromDays(9)),
        ];
        UsageSample[] kept =
        [
            Row(null, 5, now - TimeSpan.FromHours(2)),
            Row(removedGuest, 5, now - TimeSpan.FromMinutes(1)),
            Row(null, 10, now - TimeSpan.FromHours(1)),
            Row(null, UsageTiers.FiveMinutes, now - TimeSpan.FromDays(2)),
            Row(removedGuest, UsageTiers.FiveMinutes, now - TimeSpan.FromHours(5)),
            Row(null, UsageTiers.ThirtyMinutes, now - TimeSpan.FromDays(8)),
            Row(removedGuest, UsageTiers.ThirtyMinutes, now - TimeSpan.FromDays(1)),
        ];
        await history.InsertAsync([.. expired, .. kept]);

        var compaction = await history.Store.CompactAsync(history.HostId, CancellationToken.None);

        Assert.Equal(expired.Length, compaction.Deleted);
        var remaining = new List<UsageSample>();
        foreach (var resolution in new[] { 2, 5, 10, UsageTiers.FiveMinutes, UsageTiers.ThirtyMinutes })
        {
            remaining.AddRange(await history.RowsAsync(resolution));
        }

        var ids = remaining.Select(r => r.Id).ToHashSet();
        Assert.All(kept, r => Assert.Contains(r.Id, ids));
        Assert.All(expired, r => Assert.DoesNotContain(r.Id, ids));
        Assert.Equal(0, (await history.Store.CompactAsync(history.HostId, CancellationToken.None)).Deleted);
    }

    private static UsageSample Row(Guid? guest, int resolution, DateTimeOffset at) =>
        new() { GuestUuid = guest, ResolutionSeconds = resolution, At = at, CpuPercent = 1, MemoryUsedKiB = 1, MemoryTotalKiB = 2 };
}
