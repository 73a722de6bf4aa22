using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Usage.UsageHistory;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageReadTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private static readonly DateTimeOffset Now = TestClock.At(0).AddDays(3);

    [Fact]
    public async Task Each_range_reads_its_tier_within_its_window_oldest_first()
    {
        var history = await CreateAsync(database, intervalSeconds: 5, Now);
        var guest = Guid.NewGuid();
        var other = Guid.NewGuid();
        await SeedAsync(history, guest, other, null);

        var live = await history.Store.GetGuestSeriesAsync(history.HostId, guest.ToString(), UsageRange.Live, CancellationToken.None);
        Assert.Equal((guest.ToString(), UsageRange.Live, 5), (live.Uuid, live.Range, live.ResolutionSeconds));
        Assert.Equal([Ago(minutes: 9), Ago(minutes: 1)], live.Samples.Select(s => s.At));
        Assert.All(live.Samples, s => Assert.Equal(guest.ToString(), s.Uuid));

        var hour = await history.Store.GetGuestSeriesAsync(history.HostId, guest.ToString(), UsageRange.Hour, CancellationToken.None);
        Assert.Equal(5, hour.ResolutionSeconds);
        Assert.Equal([Ago(minutes: 30), Ago(minutes: 11), Ago(minutes: 9), Ago(minutes: 1)], hour.Samples.Select(s => s.At));

        var day = await history.Store.GetGuestSeriesAsync(history.HostId, guest.ToString(), UsageRange.Day, CancellationToken.None);
        Assert.Equal(UsageTiers.FiveMinutes, day.ResolutionSeconds);
        Assert.Equal([Ago(minutes: 23 * 60), Ago(minutes: 60)], day.Samples.Select(s => s.At));
        Assert.Equal([2.0, 3.0], day.Samples.Select(s => s.CpuPercent));

        var week = await history.Store.GetGuestSeriesAsync(history.HostId, guest.ToString(), UsageRange.Week, CancellationToken.None);
        Assert.Equal(UsageTiers.ThirtyMinutes, week.ResolutionSeconds);
        Assert.Equal([Ago(minutes: 6 * 24 * 60), Ago(minutes: 24 * 60)], week.Samples.Select(s => s.At));

        var host = await history.Store.GetHostSeriesAsync(history.HostId, UsageRange.Hour, CancellationToken.None);
        Assert.Equal((UsageRange.Hour, 5), (host.Range, host.ResolutionSeconds));
        Assert.Equal([Ago(minutes: 30), Ago(minutes: 11), Ago(minutes: 9), Ago(minutes: 1)], host.Samples.Select(s => s.At));
        Assert.All(host.Samples, s => Assert.Equal(0.25, s.Load1));
        var hostWeek = await history.Store.GetHostSeriesAsync(history.HostId, UsageRange.Week, CancellationToken.None);
        Assert.Equal(2, hostWeek.Samples.Count);
    }

    [Fact]
    public async Task A_uuid_in_capitals_finds_the_guest_and_unknown_or_malformed_ones_read_as_empty()
    {
        var history = await CreateAsync(database, intervalSeconds: 5, Now);
        var guest = Guid.NewGuid();
        await SeedAsync(history, guest);

        var upper = await history.Store.GetGuestSeriesAsync(history.HostId, guest.ToString().ToUpperInvariant(), UsageRange.Live, CancellationToken.None);
        Assert.Equal(guest.ToString(), upper.Uuid);
        Assert.Equal(2, upper.Samples.Count);

        var unknown = await history.Store.GetGuestSeriesAsync(history.HostId, Guid.NewGuid().ToString(), UsageRange.Day, CancellationToken.None);
        Assert.Empty(unknown.Samples);
        Assert.Equal(UsageTiers.FiveMinutes, unknown.ResolutionSeconds);

        var malformed = await history.Store.GetGuestSeriesAsync(history.HostId, "not-a-uuid", UsageRange.Live, CancellationToken.None);
        Assert.Equal(("not-a-uuid", 0), (malformed.Uuid, malformed.Samples.Count));
    }

    private static DateTimeOffset Ago(int minutes) => Now.AddMinutes(-minutes);

    /// <summary>Rows in every tier on both sides of each range's window, written newest first; a null subject is the host.</summary>
    private static Task SeedAsync(UsageHistory history, params Guid?[] subjects)
    {
        var rows = new List<UsageSample>();
        foreach (var (resolution, minutesAgo, cpu) in new (int, int, double)[]
        {
            (5, 1, 1), (5, 9, 1), (5, 11, 1), (5, 30, 1), (5, 61, 1),
            (UsageTiers.FiveMinutes, 60, 3), (UsageTiers.FiveMinutes, 23 * 60, 2), (UsageTiers.FiveMinutes, 25 * 60, 1),
            (UsageTiers.ThirtyMinutes, 24 * 60, 1), (UsageTiers.ThirtyMinutes, 6 * 24 * 60, 1), (UsageTiers.ThirtyMinutes, 8 * 24 * 60, 1),
        })
        {
            foreach (var subject in subjects)
            {
                rows.Add(new UsageSample
                {
                    GuestUuid = subject,
                    ResolutionSeconds = resolution,
                    At = Ago(minutesAgo),
                    CpuPercent = cpu,
                    MemoryUsedKiB = 10,
                    MemoryTotalKiB = 20,
                    Load1 = subject is null ? 0.25 : 0,
                });
            }
        }

        return history.InsertAsync([.. rows]);
    }
}
