using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// POST /api/v1/migrations/batches and /hosts/{hostId}/evacuate on the real agent, towards a destination the console has
/// pinned but cannot reach (so no guest can leave, whatever runs on the shared libvirtd): each guest goes through the
/// migration gateway on its own, a user without the right gets each guest refused and audited, the batch is followed
/// with GET and ends; bad requests start nothing; an ended batch cannot be cancelled; a batch is not shown to a user
/// who neither started it nor may move guests to its destination.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiMigrationBatchTests(ApiFixture api)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Batches_run_each_guest_through_the_gateway_and_refusals_are_recorded_and_audited()
    {
        var destination = "wvt-batch-w-" + Guid.NewGuid().ToString("N")[..6];
        await using var console = api.CreateFactory(new Dictionary<string, string?>
        {
            ["WebVirt:Agents:1:HostId"] = destination,
            ["WebVirt:Agents:1:Name"] = destination,
            ["WebVirt:Agents:1:Url"] = $"https://127.0.0.10:{FreePort.Next()}",
            ["WebVirt:Agents:1:Token"] = "unreachable-destination-token",
            ["WebVirt:Agents:1:CertificateSha256"] = new string('a', 64),
        });
        await ApiFixture.WaitForGuestAsync(console, api.GuestName);
        var admin = await api.CreateUserAsync(Roles.Administrator);
        var operatorUser = await api.CreateUserAsync(Roles.Operator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer), console);
        using var operatorClient = api.Client(await api.CreateTokenAsync(operatorUser, ApiTokenScope.Operate), console);
        var guests = new[] { new { hostId = api.HostId, uuid = api.GuestUuid } };

        // Refused before any batch: a broken body, no guests, no destination, an unknown guest or host, evacuating without the right.
        await Problems.AssertAsync(await client.PostAsync("/api/v1/migrations/batches", new StringContent("{\"guests\":", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/migrations/batches", new { destinationHostId = destination }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/migrations/batches", new { guests }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/migrations/batches",
            new { guests = new[] { new { hostId = api.HostId, uuid = Guid.NewGuid().ToString() } }, destinationHostId = destination }), HttpStatusCode.NotFound, ErrorCodes.GuestMissing);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/hosts/wvt-nowhere/evacuate", new { destinationHostId = destination }), HttpStatusCode.NotFound, ErrorCodes.UnknownHost);
        await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/evacuate", new { }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/evacuate", new { destinationHostId = destination }),
            HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        Assert.Empty(console.Services.GetRequiredService<MigrationBatches>().All);

        // An operator may start a batch, and each guest is refused by the gateway as a single migration would be, and audited.
        var refused = await StartedAsync(await operatorClient.PostAsJsonAsync("/api/v1/migrations/batches", new { guests, destinationHostId = destination, live = false }));
        var ended = await EndedAsync(operatorClient, refused);
        Assert.Equal(("Finished", 1, 0), (ended.GetProperty("state").GetString(), ended.GetProperty("done").GetInt32(), ended.GetProperty("moved").GetInt32()));
        Assert.Equal(operatorUser.Identity!.Name, ended.GetProperty("startedBy").GetString());
        var entry = Assert.Single(ended.GetProperty("guests").EnumerateArray());
        Assert.Equal((api.GuestUuid, "Refused", ErrorCodes.Forbidden), (entry.GetProperty("uuid").GetString(), entry.GetProperty("step").GetString(), entry.GetProperty("errorCode").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("message").GetString()));
        await using (var db = await console.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync())
        {
            var audited = await db.AuditEntries.Where(e => e.Action == MigrationGateway.AuditGrant && e.UserName == operatorUser.Identity.Name).ToListAsync();
            Assert.Equal(AuditEntry.ResultError, Assert.Single(audited).Result);
        }

        // The operator follows their own batch; the administrator sees it too (they may move guests to its destination).
        Assert.Contains(refused.Id, (await Problems.JsonAsync(await operatorClient.GetAsync("/api/v1/migrations/batches"))).EnumerateArray().Select(b => b.GetProperty("id").GetString()));
        Assert.Equal(refused.Id, (await Problems.JsonAsync(await client.GetAsync(refused.Location))).GetProperty("id").GetString());
        await Problems.AssertAsync(await client.PostAsync(refused.Location + "/cancel", null), HttpStatusCode.Conflict, ApiErrorCodes.BatchEnded);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/migrations/batches/nothing-here"), HttpStatusCode.NotFound, ApiErrorCodes.BatchMissing);

        // The evacuation lists the host's running guests as they are then (other test runs share the libvirtd, so which ones
        // varies), each tried through the gateway and refused because the destination is away.
        var evacuation = await StartedAsync(await client.PostAsJsonAsync($"/api/v1/hosts/{api.HostId}/evacuate", new { destinationHostId = destination }));
        var evacuated = await EndedAsync(client, evacuation);
        Assert.Equal(api.HostId, evacuated.GetProperty("sourceHostId").GetString());
        Assert.True(evacuated.GetProperty("live").GetBoolean());
        Assert.All(evacuated.GetProperty("guests").EnumerateArray(), g => Assert.Equal(api.HostId, g.GetProperty("hostId").GetString()));
        Assert.All(evacuated.GetProperty("guests").EnumerateArray(), g => Assert.Equal(("Refused", ErrorCodes.AgentUnavailable), (g.GetProperty("step").GetString(), g.GetProperty("errorCode").GetString())));
        Assert.Equal(0, evacuated.GetProperty("moved").GetInt32());

        // The operator neither started the evacuation nor may move guests to its destination: it is not theirs to see.
        await Problems.AssertAsync(await operatorClient.GetAsync(evacuation.Location), HttpStatusCode.NotFound, ApiErrorCodes.BatchMissing);
        await Problems.AssertAsync(await operatorClient.PostAsync(evacuation.Location + "/cancel", null), HttpStatusCode.NotFound, ApiErrorCodes.BatchMissing);
    }

    private static async Task<(string Id, string Location)> StartedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {body}");
        var batch = JsonDocument.Parse(body).RootElement;
        var id = batch.GetProperty("id").GetString()!;
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal("/api/v1/migrations/batches/" + id, location);
        return (id, location);
    }

    private static async Task<JsonElement> EndedAsync(HttpClient client, (string Id, string Location) batch)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var now = await Problems.JsonAsync(await client.GetAsync(batch.Location));
            if (now.GetProperty("state").GetString() != "Running")
            {
                return now;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The batch did not end: {now}");
            await Task.Delay(200);
        }
    }
}
