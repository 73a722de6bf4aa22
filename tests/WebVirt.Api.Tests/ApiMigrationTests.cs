using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using Xunit.Abstractions;

namespace WebVirt.Api.Tests;

/// <summary>
/// POST /api/v1/hosts/{hostId}/guests/{uuid}/migrate on the real agents: refusals (a broken body, an unknown
/// destination, the guest's own host, a user without the right) start nothing and grant nothing; a shut-off
/// guest moves offline to a second host (an extra libvirtd with its agent on https, enrolled as the Hosts page
/// enrols it) and ends defined there only.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiMigrationTests(ApiFixture api, ITestOutputHelper output)
{
    private const string DestinationHost = "p";

    [Fact]
    public async Task A_refused_migration_changes_nothing_and_says_why()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var path = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/migrate";
        var tasksBefore = await MigrationTaskCountAsync(client);

        await Problems.AssertAsync(await client.PostAsync(path, new StringContent("{\"destinationHostId\":", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { live = false }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { destinationHostId = "wvt-nowhere", bandwidthMiBps = -1 }),
            HttpStatusCode.BadRequest, ErrorCodes.MigrationRequestInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { destinationHostId = "wvt-nowhere", copyStorage = true }),
            HttpStatusCode.BadRequest, ErrorCodes.MigrationRequestInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { destinationHostId = "wvt-nowhere" }), HttpStatusCode.NotFound, ErrorCodes.UnknownHost);
        var same = await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { destinationHostId = api.HostId }), HttpStatusCode.Conflict, ErrorCodes.MigrationSameHost);
        Assert.Contains(api.HostId, same.GetProperty("title").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/migrate", new { destinationHostId = "wvt-nowhere" }),
            HttpStatusCode.NotFound, ErrorCodes.GuestMissing);

        Assert.Equal(tasksBefore, await MigrationTaskCountAsync(client));
        Assert.Equal(api.HostId, (await ApiWaits.GuestAsync(client, api.HostId, api.GuestName))!.Value.GetProperty("hostId").GetString());
        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == MigrationGateway.AuditGrant && e.Detail != null && e.Detail.Contains(api.GuestName)));
    }

    [Fact]
    public async Task A_shut_off_guest_moves_offline_to_an_enrolled_host_through_the_api()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        var prefix = $"{TestRun.CommonPrefix}api-migrate-{TestRun.Id[..6]}-";
        var shared = Path.Combine(LibvirtHosts.SharedDirectory, prefix + "run");
        var name = prefix + "guest";
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        using var operatorClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        await using var hosts = await LibvirtHosts.StartAsync(DestinationHost);
        string? enrolled = null;
        try
        {
            Directory.CreateDirectory(shared);
            File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
            await TestGuestImages.CopyIntoAsync(shared, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
            string uuid;
            using (var a = LibvirtConnection.Open(ApiFixture.LibvirtUri))
            using (var defined = a.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(name, shared)))
            {
                uuid = defined.Uuid;
            }

            await using var destination = await EnrollableAgent.StartAsync(
                prefix + DestinationHost, LibvirtHosts.Uri(DestinationHost), new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.4" });
            enrolled = await EnrolAsync(admin, destination);
            await ApiFixture.WaitForGuestAsync(api.Factory, name);
            var path = $"/api/v1/hosts/{api.HostId}/guests/{uuid}/migrate";

            // An operator may not move guests between hosts: refused before the destination is asked.
            await Problems.AssertAsync(await operatorClient.PostAsJsonAsync(path, new { destinationHostId = enrolled }), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
            // A running guest's migration is refused by the source while it is shut off.
            await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { destinationHostId = enrolled, live = true }), HttpStatusCode.Conflict, ErrorCodes.MigrationNotRunning);

            var started = await client.PostAsJsonAsync(path, new { destinationHostId = enrolled, live = false });
            Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
            var task = await Problems.JsonAsync(started);
            Assert.Equal("migrate", task.GetProperty("kind").GetString());
            Assert.Equal($"/api/v1/tasks/{task.GetProperty("taskId").GetString()}", started.Headers.Location!.OriginalString);
            await ApiWaits.TaskSucceededAsync(client, started.Headers.Location!);

            using (var p = LibvirtConnection.Open(LibvirtHosts.Uri(DestinationHost)))
            using (var moved = p.LookupDomainByName(name))
            {
                Assert.Equal(uuid, moved.Uuid);
                Assert.True(moved.IsPersistent());
                Assert.False(moved.IsActive());
            }

            using (var a = LibvirtConnection.Open(ApiFixture.LibvirtUri))
            {
                Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => a.LookupDomainByName(name).Dispose()).Code);
            }

            Assert.NotNull(await ApiWaits.GuestAsync(client, enrolled, name));
            await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
            Assert.Contains(await db.AuditEntries.Where(e => e.Action == MigrationGateway.AuditMigrate && e.UserName == admin.Identity!.Name).ToListAsync(),
                e => e.Result == AuditEntry.ResultOk && e.Detail!.Contains($"to {enrolled}, offline", StringComparison.Ordinal));
        }
        finally
        {
            if (enrolled is not null)
            {
                await RemoveHostAsync(admin, enrolled);
            }

            TestGuestCleaner.RemoveRunGuests(ApiFixture.LibvirtUri, prefix: prefix);
            await hosts.DisposeAsync();
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }

    /// <summary>Enrols the agent as the Hosts page does (its one-time code, as the administrator) and waits until the console is connected to it.</summary>
    private async Task<string> EnrolAsync(System.Security.Claims.ClaimsPrincipal admin, EnrollableAgent agent)
    {
        var (code, _) = await agent.IssueCodeAsync();
        await using (var scope = api.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = admin;
            var result = await scope.ServiceProvider.GetRequiredService<HostEnrolmentService>().EnrolAsync(agent.Address, code, null);
            Assert.True(result.Ok, result.ToString());
        }

        var agents = api.Factory.Services.GetRequiredService<AgentConnections>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!agents.Hosts.Any(h => h.HostId == agent.HostId && h.Link == AgentLinkState.Connected))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The console never connected to {agent.HostId}.");
            await Task.Delay(200);
        }

        return agent.HostId;
    }

    private async Task RemoveHostAsync(System.Security.Claims.ClaimsPrincipal admin, string hostId)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = admin;
        await scope.ServiceProvider.GetRequiredService<HostEnrolmentService>().RemoveAsync(hostId);
    }

    private static async Task<int> MigrationTaskCountAsync(HttpClient client) =>
        (await Problems.JsonAsync(await client.GetAsync("/api/v1/tasks"))).EnumerateArray().Count(t => t.GetProperty("kind").GetString() == "migrate");
}
