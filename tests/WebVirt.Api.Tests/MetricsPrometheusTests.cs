using System.Net;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// /metrics over real sockets from the console as installed (HTTPS): the address allow-list, and
/// Debian's Prometheus scraping it with a metrics token until the test guest's series are stored.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsPrometheusTests(ApiFixture api)
{
    private static readonly IPAddress AllowedSource = IPAddress.Parse("127.0.0.2");

    [Fact]
    public async Task An_allow_listed_address_reads_metrics_without_a_token_and_another_address_does_not()
    {
        await using var web = await MetricsWeb.StartAsync(api, ["10.0.0.0/8", AllowedSource + "/32"]);

        using var allowed = web.Client(AllowedSource);
        var response = await allowed.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        MetricsScrape.GuestLine(text, "webvirt_guest_memory_max_bytes", api);

        using var other = web.Client(IPAddress.Loopback);
        var refused = await other.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.DoesNotContain("webvirt_", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Prometheus_scrapes_the_test_guests_series_with_a_metrics_token()
    {
        var token = await MetricsScrape.CreateTokenAsync(api, await api.CreateUserAsync(Roles.Viewer), metrics: true, name: "prometheus");
        // No allow-list: only the token lets Prometheus in.
        await using var web = await MetricsWeb.StartAsync(api, []);
        await using var prometheus = PrometheusServer.Start(web.Target, token);

        var series = await prometheus.WaitForSeriesAsync($"webvirt_guest_memory_max_bytes{{guest=\"{api.GuestName}\"}}", TimeSpan.FromSeconds(90));

        var labels = Assert.Single(series).GetProperty("metric");
        Assert.Equal(api.HostId, labels.GetProperty("host").GetString());
        Assert.Equal(api.GuestName, labels.GetProperty("guest").GetString());
        Assert.Equal(api.GuestUuid, labels.GetProperty("uuid").GetString());
        Assert.Equal("webvirt", labels.GetProperty("job").GetString());
        var state = Assert.Single(await prometheus.WaitForSeriesAsync($"webvirt_guest_state{{uuid=\"{api.GuestUuid}\"}}", TimeSpan.FromSeconds(30)));
        Assert.False(string.IsNullOrEmpty(state.GetProperty("metric").GetProperty("state").GetString()));
        Assert.Single(await prometheus.WaitForSeriesAsync($"webvirt_host_agent_connected{{host=\"{api.HostId}\"}} == 1", TimeSpan.FromSeconds(30)));
        // Scraped every second, and the token is in no log line.
        Assert.DoesNotContain(token[21..], web.ReadLog(), StringComparison.Ordinal);
    }
}
