using WebVirt.Contracts;
using WebVirt.Web.Metrics;

namespace WebVirt.Web.Tests.Metrics;

/// <summary>The guest counters /metrics serves: rates times the time between samples, each sample counted once.</summary>
public sealed class GuestUsageSumsTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_sample_adds_its_rates_over_the_time_since_the_previous_one()
    {
        var sums = new GuestUsageSums();

        sums.Add([Sample(0, cpu: 50, read: 1000, write: 10, rx: 300, tx: 30, memoryKiB: 1024)], vcpus: 2);
        Assert.Equal(0, sums.CpuSeconds);
        Assert.Equal(1024 * 1024, sums.MemoryUsedBytes);

        sums.Add([Sample(0, cpu: 50, read: 1000, write: 10, rx: 300, tx: 30, memoryKiB: 1024), Sample(5, cpu: 50, read: 1000, write: 10, rx: 300, tx: 30, memoryKiB: 2048)], vcpus: 2);
        // 5 s at half of 2 vCPUs = 5 CPU seconds; 5 s at 1000 B/s = 5000 B.
        Assert.Equal(5, sums.CpuSeconds, 9);
        Assert.Equal(5000, sums.DiskReadBytes, 9);
        Assert.Equal(50, sums.DiskWriteBytes, 9);
        Assert.Equal(1500, sums.NetRxBytes, 9);
        Assert.Equal(150, sums.NetTxBytes, 9);
        Assert.Equal(2048 * 1024, sums.MemoryUsedBytes);

        // The same samples pushed again with one newer: only the newer one counts (10 s at 100 % of 2 vCPUs).
        sums.Add([Sample(5, cpu: 50, read: 1000, write: 10, rx: 300, tx: 30, memoryKiB: 2048), Sample(15, cpu: 100, read: 0, write: 0, rx: 0, tx: 0, memoryKiB: 2048)], vcpus: 2);
        Assert.Equal(25, sums.CpuSeconds, 9);
        Assert.Equal(5000, sums.DiskReadBytes, 9);
    }

    [Fact]
    public void A_gap_longer_than_the_longest_sampling_interval_adds_nothing()
    {
        var sums = new GuestUsageSums();
        var gap = (int)GuestUsageSums.LongestGap.TotalSeconds + 1;

        sums.Add([Sample(0, cpu: 100, read: 1000, write: 0, rx: 0, tx: 0, memoryKiB: 1), Sample(gap, cpu: 100, read: 1000, write: 0, rx: 0, tx: 0, memoryKiB: 1)], vcpus: 1);
        Assert.Equal(0, sums.CpuSeconds);
        Assert.Equal(0, sums.DiskReadBytes);

        // Counting starts again from the sample after the gap.
        sums.Add([Sample(gap + 5, cpu: 100, read: 1000, write: 0, rx: 0, tx: 0, memoryKiB: 1)], vcpus: 1);
        Assert.Equal(5, sums.CpuSeconds, 9);
        Assert.Equal(5000, sums.DiskReadBytes, 9);
    }

    private static GuestUsageSample Sample(int second, double cpu, double read, double write, double rx, double tx, long memoryKiB) =>
        new("uuid", Start.AddSeconds(second), cpu, memoryKiB, 4096, read, write, rx, tx);
}
