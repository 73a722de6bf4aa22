using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>
/// A host's settings through the API as the pages set them: the dashboard's emulation switch, the
/// Hosts page's migration address and the Storage page's "shared between hosts" mark, read back in
/// GET /hosts/{hostId}; refused without the right or with a bad value, and then nothing changes.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiHostSettingsTests(ApiFixture api)
{
    [Fact]
    public async Task The_emulation_switch_is_set_and_set_back_and_an_operator_is_refused()
    {
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "emulation"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var host = $"/api/v1/hosts/{api.HostId}";
        var before = await UseEmulationAsync(client, host);
        try
        {
            await Problems.AssertAsync(await operate.PutAsJsonAsync(host + "/emulation", new { useEmulation = !before }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await client.PutAsJsonAsync(host + "/emulation", new { }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            Assert.Equal(before, await UseEmulationAsync(client, host));

            await Problems.JsonAsync(await client.PutAsJsonAsync(host + "/emulation", new { useEmulation = !before }));
            Assert.Equal(!before, await UseEmulationAsync(client, host));
            await Problems.JsonAsync(await client.PutAsJsonAsync(host + "/emulation", new { useEmulation = before }));
            Assert.Equal(before, await UseEmulationAsync(client, host));
            await Problems.AssertAsync(await client.PutAsJsonAsync("/api/v1/hosts/no-such-host/emulation", new { useEmulation = before }), HttpStatusCode.NotFound, ErrorCodes.UnknownHost);

            await AssertAuditedAsync(admin, "emulation", [HostGateway.SetUseEmulationAction, HostGateway.SetUseEmulationAction]);
        }
        finally
        {
            // The agent keeps the choice in its state: the next tests find the host as it was.
            if (await UseEmulationAsync(client, host) != before)
            {
                await client.PutAsJsonAsync(host + "/emulation", new { useEmulation = before });
            }
        }
    }

    [Fact]
    public async Task The_migration_address_and_a_shared_pool_are_set_unset_and_refused_as_on_the_pages()
    {
        await using var target = await ApiDiskGuest.CreateAsync("api-shared");
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "migration-settings"));
        using var operate = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var host = $"/api/v1/hosts/{api.HostId}";
        var shared = $"{host}/storage-pools/{target.Pool}/shared";
        var before = (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("migrationAddress");
        Assert.Equal(JsonValueKind.Null, before.ValueKind);
        try
        {
            await Problems.AssertAsync(await operate.PutAsJsonAsync(host + "/migration-address", new { address = "127.0.0.9" }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            var refused = await Problems.AssertAsync(
                await client.PutAsJsonAsync(host + "/migration-address", new { address = "not a host!" }), HttpStatusCode.BadRequest, ErrorCodes.MigrationAddressInvalid);
            // The page's message: the gateway's refusal worded from the same catalogue.
            Assert.Equal(AgentTexts.DescribeIn(ActionResult.Fail(ErrorCodes.MigrationAddressInvalid, "not a host!"), CultureInfo.GetCultureInfo("en")), refused.GetProperty("title").GetString());
            Assert.Equal(JsonValueKind.Null, (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("migrationAddress").ValueKind);

            await Problems.JsonAsync(await client.PutAsJsonAsync(host + "/migration-address", new { address = " 127.0.0.9 " }));
            Assert.Equal("127.0.0.9", (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("migrationAddress").GetString());
            await Problems.JsonAsync(await client.PutAsJsonAsync(host + "/migration-address", new { address = "" }));
            Assert.Equal(JsonValueKind.Null, (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("migrationAddress").ValueKind);

            await Problems.AssertAsync(await operate.PutAsJsonAsync(shared, new { shared = true }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await client.PutAsJsonAsync(shared, new { }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
            await Problems.AssertAsync(await client.PutAsJsonAsync($"{host}/storage-pools/{target.Pool}-none/shared", new { shared = true }), HttpStatusCode.NotFound, ApiErrorCodes.PoolMissing);
            Assert.DoesNotContain(target.Pool, await SharedPoolsAsync(client, host));
            await Problems.JsonAsync(await client.PutAsJsonAsync(shared, new { shared = true }));
            Assert.Contains(target.Pool, await SharedPoolsAsync(client, host));
            await Problems.JsonAsync(await client.PutAsJsonAsync(shared, new { shared = false }));
            Assert.DoesNotContain(target.Pool, await SharedPoolsAsync(client, host));

            await AssertAuditedAsync(admin, "migration-settings",
                [MigrationSettingsGateway.AuditMigrationAddress, MigrationSettingsGateway.AuditMigrationAddress,
                 MigrationSettingsGateway.AuditPoolShared, MigrationSettingsGateway.AuditPoolShared]);
        }
        finally
        {
            await client.PutAsJsonAsync(host + "/migration-address", new { address = "" });
            await client.PutAsJsonAsync(shared, new { shared = false });
        }
    }

    private static async Task<bool> UseEmulationAsync(HttpClient client, string host) =>
        (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("host").GetProperty("info").GetProperty("useEmulation").GetBoolean();

    private static async Task<List<string?>> SharedPoolsAsync(HttpClient client, string host) =>
        [.. (await Problems.JsonAsync(await client.GetAsync(host))).GetProperty("sharedPools").EnumerateArray().Select(p => p.GetString())];

    private async Task AssertAuditedAsync(System.Security.Claims.ClaimsPrincipal user, string token, string[] actions)
    {
        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == user.Identity!.Name && e.Result == AuditEntry.ResultOk && !e.Action.StartsWith("api-")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(actions, changes.Select(e => e.Action));
        Assert.All(changes, e => Assert.Contains($"via API token '{token}'", e.Detail, StringComparison.Ordinal));
    }
}
