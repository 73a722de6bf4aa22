namespace WebVirt.Agent.Usage;

/// <summary>libvirt's cumulative counters at one instant, from which two snapshots give rates.</summary>
/// <param name="Timestamp">From <see cref="TimeProvider.GetTimestamp"/>, taken when the counters were read.</param>
internal sealed record UsageSnapshot(long Timestamp, HostCounters Host, IReadOnlyDictionary<string, GuestCounters> Guests);

/// <param name="CpuBusyNs">All CPUs' time not idle (nor waiting for I/O), in ns.</param>
/// <param name="CpuTotalNs">All CPUs' time, in ns.</param>
internal sealed record HostCounters(ulong CpuBusyNs, ulong CpuTotalNs, long MemoryUsedKiB, long MemoryTotalKiB);

/// <summary>A running guest's counters; memory is a level, not a counter.</summary>
internal sealed record GuestCounters(
    ulong CpuTimeNs,
    int VCpus,
    long MemoryUsedKiB,
    long MemoryTotalKiB,
    ulong DiskReadBytes,
    ulong DiskWriteBytes,
    ulong NetRxBytes,
    ulong NetTxBytes);
