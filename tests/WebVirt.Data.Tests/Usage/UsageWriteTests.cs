using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data.Tests.Infrastructure;
using static WebVirt.Data.Tests.Usage.UsageHistory;

namespace WebVirt.Data.Tests.Usage;

public sealed class UsageWriteTests(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task A_sample_is_written_as_one_raw_row_for_the_host_and_one_per_guest()
    {
        var history = await CreateAsync(database, intervalSeconds: 5, TestClock.Start);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        await history.Store.WriteAsync(
            history.HostId,
            Host(TestClock.Start, cpu: 12.5, used: 1_000, total: 4_000, load: 0.75),
            [Guest(first, TestClock.Start, cpu: 40, used: 300, disk: 10, net: 20), Guest(second, TestClock.Start, cpu: 2)],
            CancellationToken.None);

        var rows = await history.RowsAsync(5);
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal(TestClock.Start, r.At));
        var host = Assert.Single(rows, r => r.GuestUuid is null);
        Assert.Equal((12.5, 1_000L, 4_000L, 0.75), (host.CpuPercent, host.MemoryUsedKiB, host.MemoryTotalKiB, host.Load1));
        var guest = Assert.Single(rows, r => r.GuestUuid == first);
        Assert.Equal((40.0, 300L, 512L), (guest.CpuPercent, guest.MemoryUsedKiB, guest.MemoryTotalKiB));
        Assert.Equal((10.0, 20.0, 20.0, 40.0), (guest.DiskReadBytesPerSecond, guest.DiskWriteBytesPerSecond, guest.NetRxBytesPerSecond, guest.NetTxBytesPerSecond));
        Assert.Equal(2.0, Assert.Single(rows, r => r.GuestUuid == second).CpuPercent);
    }

    [Fact]
    public async Task Samples_of_an_unregistered_host_are_refused_and_nothing_is_written()
    {
        var history = await CreateAsync(database, intervalSeconds: 5, TestClock.Start);
        var unknown = new UsageStore(database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), history.Clock, new UsageTiers(5));
        var hostId = Guests.NewHostId();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            unknown.WriteAsync(hostId, Host(TestClock.Start, cpu: 1), [], CancellationToken.None));
        var series = await unknown.GetHostSeriesAsync(hostId, UsageRange.Live, CancellationToken.None);
        Assert.Empty(series.Samples);
    }
}
