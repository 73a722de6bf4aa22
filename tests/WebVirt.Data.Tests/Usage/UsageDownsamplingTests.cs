using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Usage.UsageHistory;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageDownsamplingTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private const int Interval = 5;

    [Fact]
    public async Task Finished_buckets_are_averaged_once_and_a_second_run_writes_nothing()
    {
        var history = await CreateAsync(database, Interval, TestClock.Start);
        var guest = Guid.NewGuid();

        // Sample i has CPU i and memory 100 + 2i, so a 5-minute bucket (60 samples) averages to its middle.
        await SampleAsync(history, guest, from: 0, to: 144);
        history.Clock.Now = TestClock.At(12);
        var first = await history.Store.CompactAsync(history.HostId, CancellationToken.None);

        var fiveMinute = await history.RowsAsync(UsageTiers.FiveMinutes);
        Assert.Equal(4, first.Written);
        Assert.Equal(4, fiveMinute.Count);
        var guestRows = fiveMinute.Where(r => r.GuestUuid == guest).ToList();
        Assert.Equal([TestClock.At(0), TestClock.At(5)], guestRows.Select(r => r.At));
        Assert.Equal([29.5, 89.5], guestRows.Select(r => r.CpuPercent));
        Assert.Equal([159L, 279L], guestRows.Select(r => r.MemoryUsedKiB));
        Assert.Equal([295.0, 895.0], guestRows.Select(r => r.DiskReadBytesPerSecond));
        Assert.Equal([1_180.0, 3_580.0], guestRows.Select(r => r.NetTxBytesPerSecond));
        var hostRows = fiveMinute.Where(r => r.GuestUuid is null).ToList();
        Assert.Equal([14.75, 44.75], hostRows.Select(r => r.CpuPercent));
        Assert.Equal([0.295, 0.895], hostRows.Select(r => Math.Round(r.Load1, 6)));
        Assert.Empty(await history.RowsAsync(UsageTiers.ThirtyMinutes));

        var second = await history.Store.CompactAsync(history.HostId, CancellationToken.None);
        Assert.Equal(new UsageCompaction(0, 0), second);
        Assert.Equal(4, (await history.RowsAsync(UsageTiers.FiveMinutes)).Count);

        // Once the half hour is over, the rest of its 5-minute buckets are written and averaged again.
        await SampleAsync(history, guest, from: 144, to: 360);
        history.Clock.Now = TestClock.At(30);
        var third = await history.Store.CompactAsync(history.HostId, CancellationToken.None);
        Assert.Equal((4 * 2) + 2, third.Written);
        var halfHour = await history.RowsAsync(UsageTiers.ThirtyMinutes);
        Assert.Equal(2, halfHour.Count);
        var guestHalfHour = Assert.Single(halfHour, r => r.GuestUuid == guest);
        Assert.Equal((TestClock.At(0), 179.5, 459L), (guestHalfHour.At, guestHalfHour.CpuPercent, guestHalfHour.MemoryUsedKiB));
        Assert.Equal([29.5, 89.5, 149.5, 209.5, 269.5, 329.5], (await history.RowsAsync(UsageTiers.FiveMinutes)).Where(r => r.GuestUuid == guest).Select(r => r.CpuPercent));
        Assert.Equal(new UsageCompaction(0, 0), await history.Store.CompactAsync(history.HostId, CancellationToken.None));
    }

    [Fact]
    public async Task A_bucket_still_filling_is_left_for_a_later_run()
    {
        var history = await CreateAsync(database, Interval, TestClock.Start);
        var guest = Guid.NewGuid();

        await SampleAsync(history, guest, from: 0, to: 50);
        history.Clock.Now = TestClock.At(4).AddSeconds(10);
        Assert.Equal(0, (await history.Store.CompactAsync(history.HostId, CancellationToken.None)).Written);

        await SampleAsync(history, guest, from: 50, to: 61);
        history.Clock.Now = TestClock.At(5);
        Assert.Equal(2, (await history.Store.CompactAsync(history.HostId, CancellationToken.None)).Written);
        var row = Assert.Single(await history.RowsAsync(UsageTiers.FiveMinutes), r => r.GuestUuid == guest);
        Assert.Equal(29.5, row.CpuPercent);
    }

    private static async Task SampleAsync(UsageHistory history, Guid guest, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var at = TestClock.Start.AddSeconds(i * Interval);
            await history.Store.WriteAsync(
                history.HostId,
                Host(at, cpu: i / 2.0, load: i / 100.0),
                [Guest(guest, at, cpu: i, used: 100 + (2 * i), disk: i * 10, net: i * 20)],
                CancellationToken.None);
        }
    }
}
