using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Usage.UsageHistory;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageBoundTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const int Interval = 60;

    [Fact]
    public async Task A_week_and_more_of_sampling_stays_within_the_row_bound_of_every_tier()
    {
        var history = await CreateAsync(database, Interval, TestClock.Start);
        var tiers = history.Store.Tiers;
        var compactEvery = TimeSpan.FromMinutes(10);
        var bound = tiers.All.ToDictionary(t => t.ResolutionSeconds, t => UsageTiers.MaxRowsPerSubject(t, compactEvery));
        Guid[] guests = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
        var end = TestClock.Start.AddDays(8.5);
        var peak = new Dictionary<int, int>();

        for (var at = TestClock.Start; at < end; at = at.AddSeconds(Interval))
        {
            history.Clock.Now = at;
            await history.Store.WriteAsync(history.HostId, Host(at, cpu: 10), [.. guests.Select(g => Guest(g, at, cpu: 20))], CancellationToken.None);
            if ((at - TestClock.Start).Ticks % compactEvery.Ticks == 0)
            {
                await history.Store.CompactAsync(history.HostId, CancellationToken.None);
            }

            if ((at - TestClock.Start).Ticks % TimeSpan.FromHours(6).Ticks == 0 || at.AddSeconds(Interval) >= end)
            {
                foreach (var (resolution, count) in await history.MaxRowsPerSubjectAsync())
                {
                    Assert.True(bound.ContainsKey(resolution), $"rows at an unexpected resolution {resolution}");
                    Assert.InRange(count, 0, bound[resolution]);
                    peak[resolution] = Math.Max(peak.GetValueOrDefault(resolution), count);
                }
            }
        }

        // Every tier filled up to its retention, so the bound held because rows expired, not because few were written.
        Assert.InRange(peak[Interval], (int)(tiers.Raw.Retention.TotalSeconds / Interval), bound[Interval]);
        Assert.InRange(peak[UsageTiers.FiveMinutes], (int)(tiers.FiveMinute.Retention.TotalSeconds / UsageTiers.FiveMinutes), bound[UsageTiers.FiveMinutes]);
        Assert.InRange(peak[UsageTiers.ThirtyMinutes], (int)(tiers.ThirtyMinute.Retention.TotalSeconds / UsageTiers.ThirtyMinutes), bound[UsageTiers.ThirtyMinutes]);
        var weekly = await history.RowsAsync(UsageTiers.ThirtyMinutes);
        Assert.All(weekly, r => Assert.Equal(r.GuestUuid is null ? 10.0 : 20.0, r.CpuPercent));
    }
}
