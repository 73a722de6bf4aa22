using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageBoundTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const int Interval = 60;

    [Fact]
    public async Task A_week_and_more_of_sampling_stays_within_the_row_bound_of_every_tier()
    {
        var history = await UsageHistory.CreateAsync(database, Interval, TestClock.Start);
        var tiers = history.Store.Tiers;
        var compactEvery = TimeSpan.FromHours(1);
        var bound = tiers.All.ToDictionary(t => t.ResolutionSeconds, t => UsageTiers.MaxRowsPerSubject(t, compactEvery));
        Guid[] guests = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var end = TestClock.Start.AddDays(8.5);
        var peak = new Dictionary<int, int>();

        for (var period = TestClock.Start; period < end; period += compactEvery)
        {
            // One period's raw samples in one batch (the sampler writes them one interval at a time), then a compaction as the sampler runs it.
            var rows = new List<UsageSample>();
            for (var at = period; at < period + compactEvery; at = at.AddSeconds(Interval))
            {
                rows.Add(Raw(null, at, cpu: 10));
                rows.AddRange(guests.Select(g => Raw(g, at, cpu: 20)));
            }

            await history.InsertAsync([.. rows]);

            // Just before a compaction is when the tables are fullest.
            foreach (var (resolution, count) in await history.MaxRowsPerSubjectAsync())
            {
                Assert.True(bound.ContainsKey(resolution), $"rows at an unexpected resolution {resolution}");
                Assert.InRange(count, 0, bound[resolution]);
                peak[resolution] = Math.Max(peak.GetValueOrDefault(resolution), count);
            }

            history.Clock.Now = period + compactEvery;
            await history.Store.CompactAsync(history.HostId, CancellationToken.None);
        }

        // Every tier filled up to its retention, so the bound held because rows expired, not because few were written.
        Assert.InRange(peak[Interval], (int)(tiers.Raw.Retention.TotalSeconds / Interval), bound[Interval]);
        Assert.InRange(peak[UsageTiers.FiveMinutes], (int)(tiers.FiveMinute.Retention.TotalSeconds / UsageTiers.FiveMinutes), bound[UsageTiers.FiveMinutes]);
        Assert.InRange(peak[UsageTiers.ThirtyMinutes], (int)(tiers.ThirtyMinute.Retention.TotalSeconds / UsageTiers.ThirtyMinutes), bound[UsageTiers.ThirtyMinutes]);
        var weekly = await history.RowsAsync(UsageTiers.ThirtyMinutes);
        Assert.All(weekly, r => Assert.Equal(r.GuestUuid is null ? 10.0 : 20.0, r.CpuPercent));
    }

    private static UsageSample Raw(Guid? guest, DateTimeOffset at, double cpu) =>
        new() { GuestUuid = guest, ResolutionSeconds = Interval, At = at, CpuPercent = cpu, MemoryUsedKiB = 100, MemoryTotalKiB = 200 };
}
