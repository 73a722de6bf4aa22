using WebVirt.Contracts;

namespace WebVirt.Web.Metrics;

/// <summary>
/// One guest's usage sums for <see cref="GuestUsageTotals"/>: each sample's average rate times the
/// time since the guest's previous sample. The first sample has no predecessor and a gap longer
/// than <see cref="LongestGap"/> (pushes lost while the agent was away) adds nothing rather than a guess.
/// </summary>
internal sealed class GuestUsageSums
{
    /// <summary>The agent samples every 5 s by default and at most every 60 s; beyond this a sample does not follow its predecessor.</summary>
    public static readonly TimeSpan LongestGap = TimeSpan.FromSeconds(150);

    private const double KiB = 1024;

    private GuestUsageSample? _last;

    public double CpuSeconds { get; private set; }

    public double DiskReadBytes { get; private set; }

    public double DiskWriteBytes { get; private set; }

    public double NetRxBytes { get; private set; }

    public double NetTxBytes { get; private set; }

    public double MemoryUsedBytes { get; private set; }

    /// <summary>Adds the samples (oldest first) newer than the last one counted.</summary>
    /// <param name="vcpus">The guest's vCPUs: a sample's CPU percent is of all of them.</param>
    public void Add(IReadOnlyList<GuestUsageSample> samples, int vcpus)
    {
        foreach (var sample in samples)
        {
            if (_last is { } previous && sample.At <= previous.At)
            {
                continue;
            }

            if (_last is { } before && sample.At - before.At <= LongestGap)
            {
                var seconds = (sample.At - before.At).TotalSeconds;
                CpuSeconds += sample.CpuPercent / 100.0 * Math.Max(1, vcpus) * seconds;
                DiskReadBytes += sample.DiskReadBytesPerSecond * seconds;
                DiskWriteBytes += sample.DiskWriteBytesPerSecond * seconds;
                NetRxBytes += sample.NetRxBytesPerSecond * seconds;
                NetTxBytes += sample.NetTxBytesPerSecond * seconds;
            }

            MemoryUsedBytes = sample.MemoryUsedKiB * KiB;
            _last = sample;
        }
    }
}
