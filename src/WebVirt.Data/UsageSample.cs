namespace WebVirt.Data;

/// <summary>
/// One point of a usage graph: the host's (<see cref="GuestUuid"/> null) or one guest's use over
/// <see cref="ResolutionSeconds"/> starting at <see cref="At"/>. Raw samples are written at the
/// sampling interval; coarser rows are averages of finer ones, so each range is read from a tier
/// with a bounded number of rows, and each tier is expired after its retention.
/// </summary>
public sealed class UsageSample
{
    public long Id { get; set; }

    public string HostId { get; set; } = "";

    /// <summary>null for the host's own sample.</summary>
    public Guid? GuestUuid { get; set; }

    public int ResolutionSeconds { get; set; }

    public DateTimeOffset At { get; set; }

    public double CpuPercent { get; set; }

    public long MemoryUsedKiB { get; set; }

    public long MemoryTotalKiB { get; set; }

    public double DiskReadBytesPerSecond { get; set; }

    public double DiskWriteBytesPerSecond { get; set; }

    public double NetRxBytesPerSecond { get; set; }

    public double NetTxBytesPerSecond { get; set; }

    /// <summary>The host's 1-minute load average; 0 for guests.</summary>
    public double Load1 { get; set; }
}
