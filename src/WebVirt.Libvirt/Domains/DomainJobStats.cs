namespace WebVirt.Libvirt.Domains;

/// <summary>
/// virDomainGetJobStats: the running job (Type Unbounded during a migration), or with completed the
/// last finished one (Type Completed, with Downtime). Sizes are bytes, times milliseconds, rates
/// bytes per second; a value the hypervisor did not report is null. Params holds every statistic as
/// libvirt typed it, the ones without a property too.
/// </summary>
public sealed record DomainJobStats(DomainJobType Type, IReadOnlyDictionary<string, object> Params)
{
    public DomainJobOperation? Operation => Params.TryGetValue("operation", out object? value) && value is int operation ? (DomainJobOperation)operation : null;

    public ulong? TimeElapsedMs => Number("time_elapsed");

    public ulong? TimeRemainingMs => Number("time_remaining");

    public ulong? DowntimeMs => Number("downtime");

    public ulong? SetupTimeMs => Number("setup_time");

    public ulong? DataTotal => Number("data_total");

    public ulong? DataProcessed => Number("data_processed");

    public ulong? DataRemaining => Number("data_remaining");

    public ulong? MemoryTotal => Number("memory_total");

    public ulong? MemoryProcessed => Number("memory_processed");

    public ulong? MemoryRemaining => Number("memory_remaining");

    public ulong? MemoryBytesPerSecond => Number("memory_bps");

    public ulong? MemoryDirtyRatePagesPerSecond => Number("memory_dirty_rate");

    public ulong? MemoryIteration => Number("memory_iteration");

    public ulong? DiskTotal => Number("disk_total");

    public ulong? DiskProcessed => Number("disk_processed");

    public ulong? DiskRemaining => Number("disk_remaining");

    public ulong? DiskBytesPerSecond => Number("disk_bps");

    public bool? Success => Params.TryGetValue("success", out object? value) && value is bool success ? success : null;

    public string? ErrorMessage => Params.TryGetValue("errmsg", out object? value) ? value as string : null;

    private ulong? Number(string field) =>
        Params.TryGetValue(field, out object? value)
            ? value switch
            {
                ulong u => u,
                long l when l >= 0 => (ulong)l,
                uint u => u,
                int i when i >= 0 => (ulong)i,
                _ => null,
            }
            : null;
}
