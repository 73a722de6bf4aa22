using WebVirt.Contracts;

namespace WebVirt.Agent.Usage;

/// <summary>Turns two snapshots of cumulative counters into the usage over the time between them.</summary>
internal sealed class UsageRates(TimeProvider time)
{
    /// <summary>
    /// The host's sample and one per guest running in both snapshots. A guest whose CPU time went
    /// back was restarted in between, so it has no rate until the next sample; a disk or interface
    /// counter that went back (a device unplugged) counts as no traffic.
    /// </summary>
    public (HostUsageSample Host, IReadOnlyList<GuestUsageSample> Guests)? Compute(UsageSnapshot? previous, UsageSnapshot current, DateTimeOffset at, double load1)
    {
        if (previous is null || current.Timestamp <= previous.Timestamp)
        {
            return null;
        }

        var seconds = time.GetElapsedTime(previous.Timestamp, current.Timestamp).TotalSeconds;
        if (seconds <= 0)
        {
            return null;
        }

        var host = new HostUsageSample(at, HostCpuPercent(previous.Host, current.Host), current.Host.MemoryUsedKiB, current.Host.MemoryTotalKiB, load1);
        var guests = new List<GuestUsageSample>(current.Guests.Count);
        foreach (var (uuid, now) in current.Guests.OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            if (!previous.Guests.TryGetValue(uuid, out var before) || now.CpuTimeNs < before.CpuTimeNs)
            {
                continue;
            }

            var cpu = now.VCpus > 0 ? Math.Clamp((now.CpuTimeNs - before.CpuTimeNs) / (seconds * 1e9 * now.VCpus) * 100.0, 0, 100) : 0;
            guests.Add(new GuestUsageSample(
                uuid,
                at,
                Math.Round(cpu, 2),
                now.MemoryUsedKiB,
                now.MemoryTotalKiB,
                Rate(before.DiskReadBytes, now.DiskReadBytes, seconds),
                Rate(before.DiskWriteBytes, now.DiskWriteBytes, seconds),
                Rate(before.NetRxBytes, now.NetRxBytes, seconds),
                Rate(before.NetTxBytes, now.NetTxBytes, seconds)));
        }

        return (host, guests);
    }

    private static double HostCpuPercent(HostCounters before, HostCounters now)
    {
        if (now.CpuTotalNs <= before.CpuTotalNs || now.CpuBusyNs < before.CpuBusyNs)
        {
            return 0;
        }

        return Math.Round(Math.Clamp(100.0 * (now.CpuBusyNs - before.CpuBusyNs) / (now.CpuTotalNs - before.CpuTotalNs), 0, 100), 2);
    }

    private static double Rate(ulong before, ulong now, double seconds) => now >= before ? (now - before) / seconds : 0;
}
