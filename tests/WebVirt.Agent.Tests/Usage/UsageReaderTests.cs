using WebVirt.Agent.Usage;

namespace WebVirt.Agent.Tests.Usage;

public sealed class UsageReaderTests
{
    [Fact]
    public void Memory_used_is_the_balloons_view_when_the_guest_reports_it_else_its_current_memory()
    {
        var reported = UsageReader.ToGuest(Stats(("balloon.available", 1_000_000UL), ("balloon.unused", 400_000UL)))!;
        Assert.Equal((600_000L, 1_048_576L), (reported.MemoryUsedKiB, reported.MemoryTotalKiB));

        var silent = UsageReader.ToGuest(Stats())!;
        Assert.Equal((1_048_576L, 1_048_576L), (silent.MemoryUsedKiB, silent.MemoryTotalKiB));
    }

    [Fact]
    public void Disk_and_interface_counters_are_summed_over_every_device()
    {
        var counters = UsageReader.ToGuest(Stats(
            ("block.count", 2U), ("block.0.rd.bytes", 100UL), ("block.1.rd.bytes", 50UL), ("block.0.wr.bytes", 7UL),
            ("net.count", 2U), ("net.0.rx.bytes", 1_000UL), ("net.1.rx.bytes", 24UL), ("net.1.tx.bytes", 9UL)))!;

        Assert.Equal((150UL, 7UL, 1_024UL, 9UL), (counters.DiskReadBytes, counters.DiskWriteBytes, counters.NetRxBytes, counters.NetTxBytes));
        Assert.Equal((123_456_789UL, 2), (counters.CpuTimeNs, counters.VCpus));
    }

    [Fact]
    public void A_shut_off_guest_has_no_counters()
    {
        var stats = new Dictionary<string, object> { ["state.state"] = 5, ["balloon.current"] = 1_048_576UL };
        Assert.Null(UsageReader.ToGuest(stats));
    }

    [Fact]
    public void Host_memory_counts_buffers_and_cache_as_free_and_cpu_busy_excludes_idle_and_iowait()
    {
        var host = UsageReader.ToHost(
            new Dictionary<string, ulong> { ["kernel"] = 10, ["user"] = 30, ["idle"] = 50, ["iowait"] = 10 },
            new Dictionary<string, ulong> { ["total"] = 16_000, ["free"] = 4_000, ["buffers"] = 1_000, ["cached"] = 3_000 });

        Assert.Equal(new HostCounters(40, 100, 8_000, 16_000), host);
    }

    [Fact]
    public void The_load_average_is_the_first_field_of_proc_loadavg()
    {
        Assert.Equal(0.52, LoadAverage.Parse("0.52 0.58 0.59 1/389 12345\n"));
        Assert.Equal(0, LoadAverage.Parse("garbage"));
        Assert.InRange(LoadAverage.Read(), 0, 10_000);
    }

    private static Dictionary<string, object> Stats(params (string Key, object Value)[] extra)
    {
        var stats = new Dictionary<string, object>
        {
            ["state.state"] = 1,
            ["cpu.time"] = 123_456_789UL,
            ["vcpu.current"] = 2U,
            ["balloon.current"] = 1_048_576UL,
        };
        foreach (var (key, value) in extra)
        {
            stats[key] = value;
        }

        return stats;
    }
}
