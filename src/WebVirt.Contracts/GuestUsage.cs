namespace WebVirt.Contracts;

/// <summary>How far back a usage graph reaches; each range is read from the resolution kept for it.</summary>
public enum UsageRange
{
    /// <summary>The last minutes at the sampling interval, as pushed.</summary>
    Live,
    Hour,
    Day,
    Week,
}

/// <summary>A guest's use of its resources over one sampling interval (or the average of a downsampled bucket).</summary>
/// <param name="CpuPercent">100 = all of its vCPUs busy.</param>
/// <param name="MemoryUsedKiB">Memory the guest uses (balloon's view when available, else its current memory).</param>
public sealed record GuestUsageSample(
    string Uuid,
    DateTimeOffset At,
    double CpuPercent,
    long MemoryUsedKiB,
    long MemoryTotalKiB,
    double DiskReadBytesPerSecond,
    double DiskWriteBytesPerSecond,
    double NetRxBytesPerSecond,
    double NetTxBytesPerSecond);

/// <summary>The host's use over one sampling interval (or a downsampled bucket's average).</summary>
public sealed record HostUsageSample(
    DateTimeOffset At,
    double CpuPercent,
    long MemoryUsedKiB,
    long MemoryTotalKiB,
    double Load1);

/// <summary>A series for a graph: samples oldest first, at <paramref name="ResolutionSeconds"/> apart.</summary>
public sealed record GuestUsageSeries(string Uuid, UsageRange Range, int ResolutionSeconds, IReadOnlyList<GuestUsageSample> Samples);

public sealed record HostUsageSeries(UsageRange Range, int ResolutionSeconds, IReadOnlyList<HostUsageSample> Samples);
