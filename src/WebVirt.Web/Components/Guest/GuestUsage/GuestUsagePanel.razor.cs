using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;

namespace WebVirt.Web.Components.Guest;

/// <summary>A guest's CPU, memory, disk and network use: live from the agent's pushes, or its kept history.</summary>
public partial class GuestUsagePanel
{
    [Parameter, EditorRequired]
    public string Uuid { get; set; } = "";

    protected override string SeriesKey => HostId + "/" + Uuid;

    protected override IReadOnlyList<GuestUsageSample> LiveSamples() => Agents.GuestUsage(HostId, Uuid);

    protected override async Task<IReadOnlyList<GuestUsageSample>> LoadHistoryAsync(UsageRange range) =>
        (await Usage.GetGuestUsageAsync(HostId, Uuid, range)).Samples;

    private UsageLine Line(string label, string color, Func<GuestUsageSample, double> value) =>
        new(label, color, [.. Samples.Select(sample => new UsagePoint(sample.At, value(sample)))]);
}
