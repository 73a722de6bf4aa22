using System.Net;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Agents;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// /metrics answers a token with the metrics right and nobody else (the in-process test server has
/// no client address, so no allow-list applies here; MetricsPrometheusTests covers the allow-list),
/// and its figures come from the console's inventory with host, guest and uuid labels.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsAccessTests(ApiFixture api)
{
    private const string Metrics = "/metrics";

    [Fact]
    public async Task Without_a_token_or_with_a_forged_one_metrics_answers_401_and_no_figure()
    {
        using var anonymous = api.Client(null);
        await AssertRefusedAsync(await anonymous.GetAsync(Metrics), HttpStatusCode.Unauthorized);

        using var forged = api.Client("wvt_0123456789abcdef_" + new string('A', 43));
        await AssertRefusedAsync(await forged.GetAsync(Metrics), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_without_the_metrics_right_gets_403_even_an_administrators()
    {
        var admin = await api.CreateUserAsync(Roles.Administrator);
        var token = await api.CreateTokenAsync(admin, ApiTokenScope.Administer);
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/hosts")).StatusCode);

        await AssertRefusedAsync(await client.GetAsync(Metrics), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_revoked_metrics_token_gets_401_from_the_next_scrape_on()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        var token = await MetricsScrape.CreateTokenAsync(api, owner, metrics: true, name: "scraper-revoked");
        using var client = api.Client(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Metrics)).StatusCode);

        var row = (await api.AsUserAsync(owner, tokens => tokens.ListOwnAsync())).Single();
        Assert.True(row.Metrics);
        Assert.Null(await api.AsUserAsync(owner, tokens => tokens.RevokeAsync(row.Id)));

        await AssertRefusedAsync(await client.GetAsync(Metrics), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_metrics_token_reads_the_test_guests_and_hosts_series_and_the_consoles_own()
    {
        var owner = await api.CreateUserAsync(Roles.Viewer);
        using var client = api.Client(await MetricsScrape.CreateTokenAsync(api, owner, metrics: true));
        // One call through the agent gateway, so the agent latency histogram has a sample.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/hosts/{api.HostId}")).StatusCode);

        var host = $"host=\"{api.HostId}\"";
        // The exporter answers scrapes within 300 ms of each other from one cached text, so a scrape
        // another test made just before may not hold the call above yet: read again until it does.
        var (response, text) = await MetricsScrape.ReadUntilAsync(client, Metrics,
            text => MetricsScrape.Lines(text, "webvirt_agent_call_duration_seconds_count").Any(line => line.Contains(host, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);

        // The test guest's definition: 1 vCPU and 256 MiB (TestGuestDomainXml), in exactly one state.
        Assert.Equal(1, MetricsScrape.Value(MetricsScrape.GuestLine(text, "webvirt_guest_vcpus", api)));
        Assert.Equal(256 * 1024 * 1024, MetricsScrape.Value(MetricsScrape.GuestLine(text, "webvirt_guest_memory_max_bytes", api)));
        MetricsScrape.GuestLine(text, "webvirt_guest_memory_bytes", api);
        var state = api.Factory.Services.GetRequiredService<AgentConnections>().Guests.Single(guest => guest.Uuid == api.GuestUuid).State;
        Assert.Equal(1, MetricsScrape.Value(MetricsScrape.GuestLine(text, "webvirt_guest_state", api, $"state=\"{state}\"")));

        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_agent_connected"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) == 1);
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_libvirt_connected"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) == 1);
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_cpus"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) >= 1);
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_memory_total_bytes"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) > 0);
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_guests"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) >= 1);
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_agent_call_duration_seconds_count"), line => line.Contains(host, StringComparison.Ordinal) && MetricsScrape.Value(line) >= 1);
        Assert.NotEmpty(MetricsScrape.Lines(text, "http_server_request_duration_seconds_count"));
        // The token is never part of what a scrape shows.
        Assert.DoesNotContain("wvt_", text, StringComparison.Ordinal);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.DoesNotContain("webvirt_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("# TYPE", body, StringComparison.Ordinal);
    }
}
