using System.Globalization;

namespace WebVirt.Agent.Usage;

/// <summary>
/// Reads the counters of one sample: every running guest's CPU, balloon, block and interface stats
/// with one virConnectGetAllDomainStats call, and the node's CPU time and memory.
/// </summary>
internal sealed class UsageReader(TimeProvider time)
{
    private const DomainStatsTypes Stats =
        DomainStatsTypes.State | DomainStatsTypes.CpuTotal | DomainStatsTypes.Balloon | DomainStatsTypes.Vcpu | DomainStatsTypes.Block | DomainStatsTypes.Interface;

    public UsageSnapshot Read(LibvirtConnection connection)
    {
        var records = connection.GetAllDomainStats(Stats);
        var cpu = connection.GetNodeCpuStats();
        var memory = connection.GetNodeMemoryStats();
        var timestamp = time.GetTimestamp();
        var guests = new Dictionary<string, GuestCounters>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            if (ToGuest(record.Params) is { } counters)
            {
                guests[record.Uuid] = counters;
            }
        }

        return new UsageSnapshot(timestamp, ToHost(cpu, memory), guests);
    }

    /// <summary>The guest's counters, or null when it is not running (shut off guests have no usage).</summary>
    internal static GuestCounters? ToGuest(IReadOnlyDictionary<string, object> p)
    {
        var state = (DomainState)ReadLong(p, "state.state");
        if (state is DomainState.Shutoff or DomainState.Crashed || !p.ContainsKey("cpu.time"))
        {
            return null;
        }

        var current = ReadLong(p, "balloon.current");

        // The balloon driver's own view when the guest reports it (a stats period is set); otherwise all it was given.
        var used = p.ContainsKey("balloon.available") && p.ContainsKey("balloon.unused")
            ? Math.Clamp(ReadLong(p, "balloon.available") - ReadLong(p, "balloon.unused"), 0, Math.Max(current, 0))
            : current;
        return new GuestCounters(
            ReadULong(p, "cpu.time"),
            (int)ReadLong(p, "vcpu.current"),
            used,
            current,
            Sum(p, "block.", ".rd.bytes"),
            Sum(p, "block.", ".wr.bytes"),
            Sum(p, "net.", ".rx.bytes"),
            Sum(p, "net.", ".tx.bytes"));
    }

    /// <remarks>Memory stats are in KiB: total, free, buffers, cached; page cache counts as free, as free(1) shows it.</remarks>
    internal static HostCounters ToHost(IReadOnlyDictionary<string, ulong> cpu, IReadOnlyDictionary<string, ulong> memory)
    {
        ulong idle = cpu.GetValueOrDefault("idle") + cpu.GetValueOrDefault("iowait");
        ulong total = cpu.Where(kv => kv.Key != "utilization").Aggregate(0UL, (sum, kv) => sum + kv.Value);
        var memoryTotal = (long)memory.GetValueOrDefault("total");
        var available = (long)(memory.GetValueOrDefault("free") + memory.GetValueOrDefault("buffers") + memory.GetValueOrDefault("cached"));
        return new HostCounters(total - Math.Min(idle, total), total, Math.Clamp(memoryTotal - available, 0, memoryTotal), memoryTotal);
    }

    /// <summary>Sums e.g. block.0.rd.bytes, block.1.rd.bytes: the guest's total over all its disks or interfaces.</summary>
    private static ulong Sum(IReadOnlyDictionary<string, object> p, string prefix, string suffix)
    {
        ulong sum = 0;
        foreach (var (key, value) in p)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith(suffix, StringComparison.Ordinal))
            {
                sum += Convert.ToUInt64(value, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    private static long ReadLong(IReadOnlyDictionary<string, object> p, string key) =>
        p.TryGetValue(key, out var v) ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;

    private static ulong ReadULong(IReadOnlyDictionary<string, object> p, string key) =>
        p.TryGetValue(key, out var v) ? Convert.ToUInt64(v, CultureInfo.InvariantCulture) : 0;
}
