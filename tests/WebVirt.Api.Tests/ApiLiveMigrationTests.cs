using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;
using Xunit.Abstractions;

namespace WebVirt.Api.Tests;

/// <summary>
/// Live migrations through POST /api/v1/hosts/{hostId}/guests/{uuid}/migrate on the real agents, to one extra
/// host enrolled for the class: a running guest ends running on the destination only; a throttled one cancelled
/// through POST /api/v1/tasks/{id}/cancel ends cancelled and still running on the source only; an operator of the
/// guest (no right to manage hosts) is refused both, and nothing changes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiLiveMigrationTests(ApiFixture api, ApiLiveMigrationFixture hosts, ITestOutputHelper output) : IClassFixture<ApiLiveMigrationFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task A_running_guest_moves_live_to_the_enrolled_host_and_runs_there_only()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var destination = await hosts.EnrolAsync(api, admin);
        var name = ApiLiveMigrationFixture.Prefix + "moves";
        var uuid = hosts.StartGuest(name);
        try
        {
            await RunningAsync(client, api.HostId, name);

            var started = await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests/{uuid}/migrate", new { destinationHostId = destination, live = true });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            Assert.Equal("migrate", (await Problems.JsonAsync(started)).GetProperty("kind").GetString());
            await ApiWaits.TaskSucceededAsync(client, started.Headers.Location!);

            using (var l = LibvirtConnection.Open(LibvirtHosts.Uri(ApiLiveMigrationFixture.DestinationHost)))
            using (var moved = l.LookupDomainByName(name))
            {
                Assert.Equal(uuid, moved.Uuid);
                Assert.Equal(DomainState.Running, moved.GetState().State);
            }

            using (var a = LibvirtConnection.Open(ApiFixture.LibvirtUri))
            {
                Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => a.LookupDomainByName(name).Dispose()).Code);
            }

            Assert.Equal("Running", (await RunningAsync(client, destination, name)).GetProperty("state").GetString());
        }
        finally
        {
            RemoveFrom(LibvirtHosts.Uri(ApiLiveMigrationFixture.DestinationHost), name);
        }
    }

    [Fact]
    public async Task A_throttled_live_migration_cancelled_through_the_api_leaves_the_guest_running_on_its_source_only()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var destination = await hosts.EnrolAsync(api, admin);
        var name = ApiLiveMigrationFixture.Prefix + "stays";
        var uuid = hosts.StartGuest(name);
        try
        {
            await RunningAsync(client, api.HostId, name);
            var path = $"/api/v1/hosts/{api.HostId}/guests/{uuid}/migrate";

            // An operator of this guest only may not move it between hosts (manage hosts): refused, nothing started.
            using var guestOperator = await GuestOperatorClientAsync(client, uuid);
            await Problems.AssertAsync(await guestOperator.PostAsJsonAsync(path, new { destinationHostId = destination, live = true }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            Assert.DoesNotContain((await Problems.JsonAsync(await client.GetAsync("/api/v1/tasks"))).EnumerateArray(),
                t => t.GetProperty("kind").GetString() == "migrate" && t.GetProperty("target").GetString() == name);

            var started = await client.PostAsJsonAsync(path, new { destinationHostId = destination, live = true, bandwidthMiBps = 1 });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var location = started.Headers.Location!.OriginalString;
            var deadline = DateTime.UtcNow + Limit;
            JsonElement running;
            while (!((running = await Problems.JsonAsync(await client.GetAsync(location))).GetProperty("cancellable").GetBoolean()
                && running.TryGetProperty("migration", out var progress) && progress.ValueKind == JsonValueKind.Object && progress.GetProperty("dataProcessed").GetInt64() > 0))
            {
                Assert.Equal("Running", running.GetProperty("state").GetString());
                Assert.True(DateTime.UtcNow < deadline, $"the migration never got going: {running}");
                await Task.Delay(200);
            }

            // Stopping a migration takes the right that starts one: the guest's operator may not.
            await Problems.AssertAsync(await guestOperator.PostAsync(location + "/cancel", null), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            var cancelling = await client.PostAsync(location + "/cancel", null);
            Assert.Equal(HttpStatusCode.Accepted, cancelling.StatusCode);

            var ended = await EndedAsync(client, location);
            Assert.Equal("Cancelled", ended.GetProperty("state").GetString());
            Assert.Contains(ErrorCodes.TaskMigrationCancelled, ended.GetProperty("error").GetRawText(), StringComparison.Ordinal);
            using (var a = LibvirtConnection.Open(ApiFixture.LibvirtUri))
            using (var stayed = a.LookupDomainByName(name))
            {
                Assert.Equal(DomainState.Running, stayed.GetState().State);
            }

            using (var l = LibvirtConnection.Open(LibvirtHosts.Uri(ApiLiveMigrationFixture.DestinationHost)))
            {
                Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => l.LookupDomainByName(name).Dispose()).Code);
            }

            Assert.Equal(api.HostId, (await RunningAsync(client, api.HostId, name)).GetProperty("hostId").GetString());
        }
        finally
        {
            RemoveFrom(LibvirtHosts.Uri(ApiLiveMigrationFixture.DestinationHost), name);
            TestGuestCleaner.RemoveRunGuests(ApiFixture.LibvirtUri, prefix: name);
        }
    }

    /// <summary>A client of a user whose only right is Operator on the guest, granted through the API.</summary>
    private async Task<HttpClient> GuestOperatorClientAsync(HttpClient admin, string uuid)
    {
        string userName = "api-live-op-" + Guid.NewGuid().ToString("N")[..8];
        string userId;
        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            var user = new IdentityUser(userName);
            Assert.True((await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().CreateAsync(user, "Api-user-pass-1")).Succeeded);
            userId = user.Id;
        }

        Assert.Equal(HttpStatusCode.Created,
            (await admin.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/guests/{uuid}", role = Roles.Operator })).StatusCode);
        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, userName)], "Test"));
        var token = await api.AsUserAsync(principal, tokens => tokens.CreateAsync("live-operator", ApiTokenScope.Operate, null));
        Assert.True(token.Ok, token.Error);
        return api.Client(token.Token);
    }

    /// <summary>The guest as the API lists it, once it shows running on that host.</summary>
    private static async Task<JsonElement> RunningAsync(HttpClient client, string hostId, string name)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var guest = (await ApiWaits.GuestAsync(client, hostId, name))!.Value;
            if (guest.GetProperty("state").GetString() == "Running")
            {
                return guest;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{name} never ran on {hostId}: {guest}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> EndedAsync(HttpClient client, string location)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var task = await Problems.JsonAsync(await client.GetAsync(location));
            if (task.GetProperty("state").GetString() != "Running")
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the task did not end: {task}");
            await Task.Delay(200);
        }
    }

    // Whatever a test left on the destination is stopped and forgotten there, pass or fail.
    private static void RemoveFrom(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        try
        {
            using var domain = connection.LookupDomainByName(name);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            if (domain.IsPersistent())
            {
                domain.Undefine();
            }
        }
        catch (LibvirtException e) when (e.Code == LibvirtErrorCodes.NoDomain)
        {
            // Not there: nothing to remove.
        }
    }
}
