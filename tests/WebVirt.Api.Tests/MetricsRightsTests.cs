using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// A token's scrape holds the host and guest series of what its owner may see (cut by its scope), like every
/// list of the console: a user with a grant on one guest reads that guest's series and none of another's; an
/// administrator's token and an allow-listed address (the operator's Prometheus) read both.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class MetricsRightsTests(ApiFixture api)
{
    [Fact]
    public async Task A_token_of_a_user_with_a_grant_on_one_guest_scrapes_that_guests_series_only()
    {
        await using var other = await ApiDiskGuest.CreateAsync("metrics-other");
        await ApiFixture.WaitForGuestAsync(api.Factory, other.Name);
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var adminClient = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var (userName, user) = await CreateUserWithoutRoleAsync();
        Assert.Equal(HttpStatusCode.Created, (await adminClient.PostAsJsonAsync("/api/v1/rights",
            new { userName, path = $"/hosts/{api.HostId}/guests/{api.GuestUuid}", role = Roles.Viewer })).StatusCode);

        using var granted = api.Client(await MetricsScrape.CreateTokenAsync(api, user, metrics: true));
        var (response, text) = await MetricsScrape.ReadUntilAsync(granted, "/metrics", _ => true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, MetricsScrape.Value(MetricsScrape.GuestLine(text, "webvirt_guest_vcpus", api)));
        MetricsScrape.GuestLine(text, "webvirt_guest_memory_max_bytes", api);
        Assert.DoesNotContain(other.Uuid, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(other.Name, text, StringComparison.Ordinal);
        // Every guest series left is the granted guest's; the host of that guest is seen, and the console's own series stay.
        Assert.All(text.Split('\n').Where(line => line.StartsWith("webvirt_guest_", StringComparison.Ordinal)),
            line => Assert.Contains($"uuid=\"{api.GuestUuid}\"", line, StringComparison.Ordinal));
        Assert.Contains(MetricsScrape.Lines(text, "webvirt_host_agent_connected"), line => line.Contains($"host=\"{api.HostId}\"", StringComparison.Ordinal));
        Assert.NotEmpty(MetricsScrape.Lines(text, "http_server_request_duration_seconds_count"));

        // The administrator's token, scraping within the exporter's cache time of the cut answer, sees both guests.
        using var adminScraper = api.Client(await MetricsScrape.CreateTokenAsync(api, admin, metrics: true));
        var (_, all) = await MetricsScrape.ReadUntilAsync(adminScraper, "/metrics", body => body.Contains(other.Uuid, StringComparison.OrdinalIgnoreCase));
        MetricsScrape.GuestLine(all, "webvirt_guest_vcpus", api);
        Assert.Contains(MetricsScrape.Lines(all, "webvirt_guest_vcpus"), line => line.Contains($"uuid=\"{other.Uuid}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Over_sockets_an_allow_listed_address_sees_every_guest_and_a_token_with_gzip_only_its_own()
    {
        await using var other = await ApiDiskGuest.CreateAsync("metrics-socket");
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var adminClient = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var (userName, user) = await CreateUserWithoutRoleAsync();
        Assert.Equal(HttpStatusCode.Created, (await adminClient.PostAsJsonAsync("/api/v1/rights",
            new { userName, path = $"/hosts/{api.HostId}/guests/{api.GuestUuid}", role = Roles.Operator })).StatusCode);
        var token = await MetricsScrape.CreateTokenAsync(api, user, metrics: true);
        var allowedSource = IPAddress.Parse("127.0.0.3");
        await using var web = await MetricsWeb.StartAsync(api, [allowedSource + "/32"]);

        using var allowed = web.Client(allowedSource);
        var (_, all) = await MetricsScrape.ReadUntilAsync(allowed, "/metrics",
            body => body.Contains(other.Uuid, StringComparison.OrdinalIgnoreCase) && body.Contains(api.GuestUuid, StringComparison.OrdinalIgnoreCase));
        MetricsScrape.GuestLine(all, "webvirt_guest_vcpus", api);
        Assert.Contains(MetricsScrape.Lines(all, "webvirt_guest_vcpus"), line => line.Contains($"uuid=\"{other.Uuid}\"", StringComparison.Ordinal));

        // Prometheus asks for gzip; the cut answer comes back as plain text, still without the other guest.
        using var tokenClient = web.Client(IPAddress.Loopback, token);
        tokenClient.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        using var response = await tokenClient.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        MetricsScrape.GuestLine(text, "webvirt_guest_vcpus", api);
        Assert.DoesNotContain(other.Uuid, text, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(string UserName, ClaimsPrincipal User)> CreateUserWithoutRoleAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("api-metrics-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await users.CreateAsync(user, "Api-user-pass-1")).Succeeded);
        return (user.UserName!, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!)], "Test")));
    }
}
