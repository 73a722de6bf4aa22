using WebVirt.Contracts;

namespace WebVirt.Web.Components.Shared;

/// <summary>The host's CPU and memory use and its load average, live or over the last hour, day or week.</summary>
public partial class HostUsagePanel
{
    protected override string SeriesKey => HostId;

    protected override IReadOnlyList<HostUsageSample> LiveSamples() => Agents.HostUsage(HostId);

    protected override async Task<IReadOnlyList<HostUsageSample>> LoadHistoryAsync(UsageRange range) =>
        (await Usage.GetHostUsageAsync(HostId, range)).Samples;

    private IReadOnlyList<UsageLine> CpuLines() =>
        [new(G["Usage.Cpu"], UsageColors.First, [.. Samples.Select(s => new UsagePoint(s.At, s.CpuPercent))])];

    private IReadOnlyList<UsageLine> LoadLines() =>
        [new(G["Usage.Load1"], UsageColors.First, [.. Samples.Select(s => new UsagePoint(s.At, s.Load1))])];

    private IReadOnlyList<UsageLine> MemoryLines() =>
    [
        new(G["Usage.MemoryUsed"], UsageColors.First, [.. Samples.Select(s => new UsagePoint(s.At, s.MemoryUsedKiB * 1024.0))]),
        new(G["Usage.MemoryTotal"], UsageColors.Limit, [.. Samples.Select(s => new UsagePoint(s.At, s.MemoryTotalKiB * 1024.0))]),
    ];
}
