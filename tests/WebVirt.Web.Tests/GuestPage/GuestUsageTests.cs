using System.Text.RegularExpressions;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Interop;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

[Collection(GuestPageCollection.Name)]
public sealed partial class GuestUsageTests : GuestPageTestContext
{
    public GuestUsageTests(GuestPageFixture fixture)
        : base(fixture)
    {
        // MudBlazor's chart draws its lines once the browser has measured its axis labels.
        JSInterop.Setup<ElementSize>("mudGetSvgBBox", _ => true).SetResult(new ElementSize { Width = 40, Height = 14 });
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    private static GuestUsageSample Sample(string uuid, int i) =>
        new(uuid, Start.AddSeconds(5 * i), 10 + i, (512 + i) * 1024L, 2048 * 1024L, 1000 * i, 2000 * i, 300 * i, 100 * i);

    private static HostUsageSample HostSample(int i) => new(Start.AddSeconds(5 * i), 20 + i, (8 + i) * 1024L * 1024, 32 * 1024L * 1024, 0.5);

    /// <summary>The path of each line of a chart, as MudBlazor's chart draws it.</summary>
    private static List<string> Paths<T>(IRenderedComponent<T> panel, string chart) where T : Microsoft.AspNetCore.Components.IComponent =>
        panel.FindAll($"[data-testid='{chart}'] svg path.mud-chart-line").Select(path => path.GetAttribute("d") ?? "").ToList();

    /// <summary>The heights (SVG y) of a path's points.</summary>
    private static IEnumerable<string> Heights(string path) =>
        ConnectedLine().Match(path).Groups["y"].Captures.Select(capture => capture.Value);

    [GeneratedRegex(@"^M (?<x>[\d.]+) (?<y>[\d.]+)( L (?<x>[\d.]+) (?<y>[\d.]+))+$")]
    private static partial Regex ConnectedLine();

    [Fact]
    public async Task Live_graphs_draw_the_samples_the_agent_pushes()
    {
        var details = await Fixture.AddGuestAsync("use-live");
        var uuid = details.Guest.Uuid;
        var panel = RenderAs<GuestUsagePanel>(NewUser(Roles.Viewer), Roles.Viewer, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, uuid));
        Assert.NotEmpty(panel.FindAll("[data-testid='usage-chart-cpu-empty']"));

        for (var i = 0; i < 4; i++)
        {
            await Fixture.Agent.Hub.Clients.All.UsageSampled(GuestPageFixture.HostId, HostSample(i), [Sample(uuid, i)]);
        }

        panel.WaitForAssertion(() =>
        {
            foreach (var chart in new[] { "usage-chart-cpu", "usage-chart-memory", "usage-chart-disk", "usage-chart-net" })
            {
                var paths = Paths(panel, chart);
                Assert.NotEmpty(paths);
                Assert.All(paths, path => Assert.Matches(ConnectedLine(), path));
            }
        }, TimeSpan.FromSeconds(10));
        Assert.Equal(2, Paths(panel, "usage-chart-net").Count);
        Assert.Equal(["0 %", "25 %", "50 %", "75 %", "100 %"], panel.FindAll("[data-testid='usage-chart-cpu'] .mud-charts-yaxis text").Select(label => label.TextContent.Trim()));
        Assert.Contains("now 13 %", panel.Find("[data-testid='usage-chart-cpu-legend']").TextContent);
        Assert.Equal("true", panel.Find("[data-testid='usage-range-live']").GetAttribute("aria-pressed"));
    }

    /// <summary>Rows of the web's usage history as compaction leaves them, ending now (the reads look back from the clock).</summary>
    private async Task SeedHistoryAsync(Guid? guest, int resolutionSeconds, int count, double cpuPercent)
    {
        var services = Fixture.Factory.Services;
        await services.GetRequiredService<InventoryStore>().EnsureHostAsync(GuestPageFixture.HostId, "host", "10.0.0", "8.2.0", CancellationToken.None);
        await using var db = await services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        db.UsageSamples.AddRange(Enumerable.Range(1, count).Select(i => new UsageSample
        {
            HostId = GuestPageFixture.HostId,
            GuestUuid = guest,
            ResolutionSeconds = resolutionSeconds,
            At = now.AddSeconds(-resolutionSeconds * i),
            CpuPercent = cpuPercent,
            MemoryUsedKiB = 1024 * i,
            MemoryTotalKiB = 4096 * 1024,
        }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Pushed_samples_reach_the_webs_history_under_the_connections_host()
    {
        var details = await Fixture.AddGuestAsync("use-recorded");
        var uuid = details.Guest.Uuid;
        var now = DateTimeOffset.UtcNow;

        // The agent names another host: the web files the samples under the host of the connection they came on.
        for (var i = 3; i > 0; i--)
        {
            await Fixture.Agent.Hub.Clients.All.UsageSampled("someone-else", HostSample(0) with { At = now.AddSeconds(-5 * i) }, [Sample(uuid, 0) with { At = now.AddSeconds(-5 * i), CpuPercent = 40 + i }]);
        }

        var store = Fixture.Factory.Services.GetRequiredService<UsageStore>();
        GuestUsageSeries series = new(uuid, UsageRange.Live, 5, []);
        await Eventually.TrueAsync(
            async () => (series = await store.GetGuestSeriesAsync(GuestPageFixture.HostId, uuid, UsageRange.Live, CancellationToken.None)).Samples.Count >= 3,
            TimeSpan.FromSeconds(20));

        Assert.Equal([43.0, 42.0, 41.0], series.Samples.Select(s => s.CpuPercent));
        Assert.Empty((await store.GetGuestSeriesAsync("someone-else", uuid, UsageRange.Live, CancellationToken.None)).Samples);
    }

    [Fact]
    public async Task History_ranges_draw_the_series_the_web_keeps()
    {
        var details = await Fixture.AddGuestAsync("use-history");
        var uuid = details.Guest.Uuid;
        await SeedHistoryAsync(Guid.Parse(uuid), UsageTiers.FiveMinutes, 30, cpuPercent: 50);
        var panel = RenderAs<GuestUsagePanel>(NewUser(Roles.Viewer), Roles.Viewer, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, uuid));

        panel.Find("[data-testid='usage-range-day']").Click();

        panel.WaitForAssertion(() => Assert.Matches(ConnectedLine(), Assert.Single(Paths(panel, "usage-chart-cpu"))), TimeSpan.FromSeconds(10));
        // 50 % everywhere: a flat line at the height of the axis' "50 %" grid line.
        var labels = panel.FindAll("[data-testid='usage-chart-cpu'] .mud-charts-yaxis text").Select(label => label.TextContent.Trim()).ToList();
        var gridLines = panel.FindAll("[data-testid='usage-chart-cpu'] .mud-charts-gridlines-yaxis path").Select(line => line.GetAttribute("d") ?? "").ToList();
        var halfway = gridLines[labels.IndexOf("50 %")].Split(' ')[2];
        Assert.Equal(halfway, Assert.Single(Heights(Assert.Single(Paths(panel, "usage-chart-cpu"))).Distinct()));
        Assert.Equal("true", panel.Find("[data-testid='usage-range-day']").GetAttribute("aria-pressed"));

        panel.Find("[data-testid='usage-range-week']").Click();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='usage-chart-cpu-empty']")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_host_graph_shows_live_pushes_and_its_history()
    {
        await SeedHistoryAsync(null, 5, 60, cpuPercent: 30);
        var panel = RenderAs<HostUsagePanel>(NewUser(Roles.Viewer), Roles.Viewer, p => p.Add(c => c.HostId, GuestPageFixture.HostId));

        await Fixture.Agent.Hub.Clients.All.UsageSampled(GuestPageFixture.HostId, HostSample(0), []);
        await Fixture.Agent.Hub.Clients.All.UsageSampled(GuestPageFixture.HostId, HostSample(1), []);
        panel.WaitForAssertion(() => Assert.NotEmpty(Paths(panel, "host-usage-cpu")), TimeSpan.FromSeconds(10));
        Assert.Single(panel.FindAll("[data-testid='host-usage-chart']"));

        panel.Find("[data-testid='usage-range-hour']").Click();

        panel.WaitForAssertion(() =>
        {
            Assert.Matches(ConnectedLine(), Assert.Single(Paths(panel, "host-usage-cpu")));
            Assert.Equal(2, Paths(panel, "host-usage-memory").Count);
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_connection_keeps_only_the_latest_live_samples()
    {
        var details = await Fixture.AddGuestAsync("use-cap");
        var uuid = details.Guest.Uuid;

        for (var i = 0; i < AgentConnection.KeptUsageSamples + 10; i++)
        {
            await Fixture.Agent.Hub.Clients.All.UsageSampled(GuestPageFixture.HostId, HostSample(i), [Sample(uuid, i)]);
        }

        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.GuestUsage(GuestPageFixture.HostId, uuid) is { Count: > 0 } kept && kept[^1].At == Sample(uuid, AgentConnection.KeptUsageSamples + 9).At);
        var samples = Fixture.Agents.GuestUsage(GuestPageFixture.HostId, uuid);
        Assert.Equal(AgentConnection.KeptUsageSamples, samples.Count);
        Assert.Equal(Sample(uuid, 10).At, samples[0].At);
        Assert.Empty(Fixture.Agents.GuestUsage("no-such-host", uuid));
    }
}
