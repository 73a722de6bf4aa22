using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>/api/v1/hosts/{hostId}/guests/{uuid}/snapshots on a real qcow2 guest: taken, shown, reverted to, deleted, audited; and every refusal.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiSnapshotTests(ApiFixture api)
{
    [Fact]
    public async Task An_operate_token_takes_reverts_to_and_deletes_a_snapshot_and_each_change_is_audited_with_the_tokens_name()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-snap");
        await ApiFixture.WaitForGuestAsync(api.Factory, guest.Name);
        var operatorUser = await api.CreateUserAsync(Roles.Operator);
        using var client = api.Client(await api.CreateTokenAsync(operatorUser, ApiTokenScope.Operate, name: "snapper"));
        var path = $"/api/v1/hosts/{api.HostId}/guests/{guest.Uuid}/snapshots";

        Assert.Equal(0, (await Problems.JsonAsync(await client.GetAsync(path))).GetArrayLength());

        var response = await client.PostAsJsonAsync(path, new { name = "before-update", description = "taken by the API test" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{path}/before-update", response.Headers.Location?.OriginalString);
        var created = await Problems.JsonAsync(response);
        Assert.Equal("before-update", created.GetProperty("name").GetString());
        Assert.Equal("taken by the API test", created.GetProperty("description").GetString());
        Assert.Equal("shutoff", created.GetProperty("state").GetString());

        var listed = Assert.Single((await Problems.JsonAsync(await client.GetAsync(path))).EnumerateArray());
        Assert.True(listed.GetProperty("isCurrent").GetBoolean());
        var shown = await Problems.JsonAsync(await client.GetAsync(path + "/before-update"));
        Assert.Equal("before-update", shown.GetProperty("name").GetString());

        // The same name twice is the agent's validation refusal, as in the page's dialog.
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { name = "before-update" }), HttpStatusCode.BadRequest, "Input.Invalid");

        var reverted = await Problems.JsonAsync(await client.PostAsync(path + "/before-update/revert", null));
        Assert.True(reverted.GetProperty("ok").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(path + "/before-update")).StatusCode);
        Assert.Equal(0, (await Problems.JsonAsync(await client.GetAsync(path))).GetArrayLength());

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.TargetGuestUuid == guest.Uuid)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["create-snapshot", "create-snapshot", "revert-snapshot", "delete-snapshot"], changes.Select(e => e.Action));
        Assert.Equal([AuditEntry.ResultOk, AuditEntry.ResultError, AuditEntry.ResultOk, AuditEntry.ResultOk], changes.Select(e => e.Result));
        Assert.All(changes, e => Assert.Contains("via API token 'snapper'", e.Detail, StringComparison.Ordinal));
        var calls = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.Action == ApiCallFilter.CallAction).ToListAsync();
        Assert.Contains(calls, call => call.Detail!.StartsWith($"DELETE {path}/before-update 204", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_calls_refuse_bad_bodies_unknown_snapshots_and_guests_and_a_read_only_token()
    {
        var path = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/snapshots";
        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        Assert.Equal(JsonValueKind.Array, (await Problems.JsonAsync(await viewer.GetAsync(path))).ValueKind);
        await Problems.AssertAsync(await viewer.PostAsJsonAsync(path, new { name = "nope" }), HttpStatusCode.Forbidden, "Agent.Forbidden");

        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        await Problems.AssertAsync(await client.PostAsync(path, new StringContent("{\"name\":", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await client.PostAsync(path, new StringContent("name=x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { description = "no name" }), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        // The fixture's guest boots from a kernel and has no disk to snapshot: the agent's refusal, with its validation key.
        var noDisk = await Problems.AssertAsync(await client.PostAsJsonAsync(path, new { name = "diskless" }), HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Contains(noDisk.GetProperty("problems").EnumerateArray(), p => p.GetProperty("key").GetString() == "Snapshot.NoDisk");

        await Problems.AssertAsync(await client.GetAsync(path + "/nothing"), HttpStatusCode.NotFound, ApiErrorCodes.SnapshotMissing);
        await Problems.AssertAsync(await client.PostAsync(path + "/nothing/revert", null), HttpStatusCode.NotFound, ApiErrorCodes.SnapshotMissing);
        await Problems.AssertAsync(await client.DeleteAsync(path + "/nothing"), HttpStatusCode.NotFound, ApiErrorCodes.SnapshotMissing);
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/snapshots"), HttpStatusCode.NotFound, "Guest.Missing");
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/nowhere/guests/{api.GuestUuid}/snapshots"), HttpStatusCode.NotFound, "Agent.UnknownHost");
    }
}
