using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// The usage graphs' series through the API, as the guest page and the host page read them: the
/// samples the console keeps for the range asked, a bad range refused, and a guest the caller may
/// not see answered 404 like one that does not exist.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiUsageTests(ApiFixture api)
{
    [Fact]
    public async Task Guest_and_host_series_are_read_by_range_and_a_hidden_guest_is_404()
    {
        await using var target = await ApiDiskGuest.CreateAsync("api-usage");
        await ApiFixture.WaitForGuestAsync(api.Factory, target.Name);
        // One sample as the agent's push writes it, a minute ago, with values no real guest has.
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        var store = api.Factory.Services.GetRequiredService<UsageStore>();
        var host = new HostUsageSample(at, 12.5, 4096, 8192, 0.25);
        await store.WriteAsync(api.HostId, host, [new GuestUsageSample(target.Uuid, at, 42.5, 1234, 2048, 11, 22, 33, 44)], CancellationToken.None);
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        var guest = $"/api/v1/hosts/{api.HostId}/guests/{target.Uuid}/usage";

        foreach (var range in new[] { "", "?range=live", "?range=Hour" })
        {
            var series = await Problems.JsonAsync(await viewer.GetAsync(guest + range));
            Assert.Equal(range.Length == 0 ? "Live" : range.Contains("live", StringComparison.Ordinal) ? "Live" : "Hour", series.GetProperty("range").GetString());
            Assert.Equal(target.Uuid, series.GetProperty("uuid").GetString());
            var sample = Assert.Single(series.GetProperty("samples").EnumerateArray());
            Assert.Equal((42.5, 1234L, 44d), (sample.GetProperty("cpuPercent").GetDouble(), sample.GetProperty("memoryUsedKiB").GetInt64(), sample.GetProperty("netTxBytesPerSecond").GetDouble()));
        }

        // A day comes in five-minute averages.
        var day = await Problems.JsonAsync(await viewer.GetAsync(guest + "?range=Day"));
        Assert.Equal(300, day.GetProperty("resolutionSeconds").GetInt32());
        var hostSeries = await Problems.JsonAsync(await viewer.GetAsync($"/api/v1/hosts/{api.HostId}/usage?range=Hour"));
        Assert.Contains(hostSeries.GetProperty("samples").EnumerateArray(), s => s.GetProperty("cpuPercent").GetDouble() == 12.5 && s.GetProperty("load1").GetDouble() == 0.25);

        await Problems.AssertAsync(await viewer.GetAsync(guest + "?range=Month"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await viewer.GetAsync(guest + "?range=1"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await viewer.GetAsync($"/api/v1/hosts/{api.HostId}/usage?range=Year"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await viewer.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/usage"), HttpStatusCode.NotFound, ErrorCodes.GuestMissing);

        // A user granted only the fixture's guest: the other guest's series is 404, as the guest itself.
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var adminClient = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var (userName, user) = await CreateUserWithoutRoleAsync();
        var granted = await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/guests/{api.GuestUuid}", role = Roles.Viewer });
        Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
        var grant = (await Problems.JsonAsync(granted)).GetProperty("id").GetGuid();
        try
        {
            using var limited = api.Client(await api.CreateTokenAsync(user, ApiTokenScope.ReadOnly));
            await Problems.AssertAsync(await limited.GetAsync(guest), HttpStatusCode.NotFound, ErrorCodes.GuestMissing);
            var own = await Problems.JsonAsync(await limited.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/usage?range=Hour"));
            Assert.Equal(api.GuestUuid, own.GetProperty("uuid").GetString());
        }
        finally
        {
            await adminClient.DeleteAsync($"/api/v1/rights/{grant}");
        }
    }

    private async Task<(string Name, System.Security.Claims.ClaimsPrincipal Principal)> CreateUserWithoutRoleAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("api-usage-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await users.CreateAsync(user, "Api-user-pass-1")).Succeeded);
        return (user.UserName!, new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user.Id), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, user.UserName!)], "Test")));
    }
}
