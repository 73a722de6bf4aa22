using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>CPUs, memory and notes through the API with ETag / If-Match: applied, versioned, refused when stale or missing, audited.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiGuestEditTests(ApiFixture api)
{
    [Fact]
    public async Task Cpus_memory_and_notes_change_with_the_current_etag_and_each_change_gives_a_new_one()
    {
        await using var guest = await ApiDiskGuest.CreateAsync("api-hw");
        await ApiFixture.WaitForGuestAsync(api.Factory, guest.Name);
        var operatorUser = await api.CreateUserAsync(Roles.Operator);
        using var client = api.Client(await api.CreateTokenAsync(operatorUser, ApiTokenScope.Operate, name: "editor"));
        var path = $"/api/v1/hosts/{api.HostId}/guests/{guest.Uuid}";

        var first = await ApiWaits.ETagAsync(client, path);
        Assert.Equal(first, await ApiWaits.ETagAsync(client, path));
        var cpus = await client.SendAsync(Put(path + "/hardware/cpus", new { current = 1, maximum = 2 }, first));
        var afterCpus = cpus.Headers.ETag?.Tag;
        Assert.True((await Problems.JsonAsync(cpus)).GetProperty("ok").GetBoolean());
        Assert.NotNull(afterCpus);
        Assert.NotEqual(first, afterCpus);
        Assert.Equal(afterCpus, await ApiWaits.ETagAsync(client, path));

        // A second client still holding the first ETag is refused, and nothing it sent is applied.
        await Problems.AssertAsync(await client.SendAsync(Put(path + "/hardware/memory", new { currentMiB = 96, maximumMiB = 96 }, first)),
            HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
        var memory = await client.SendAsync(Put(path + "/hardware/memory", new { currentMiB = 160, maximumMiB = 192 }, afterCpus));
        await Problems.JsonAsync(memory);
        var notes = await client.SendAsync(Put(path + "/notes", new { description = "made by the API test", tags = new[] { "api", "test" } }, memory.Headers.ETag!.Tag));
        await Problems.JsonAsync(notes);
        Assert.Equal(notes.Headers.ETag!.Tag, await ApiWaits.ETagAsync(client, path));

        var details = (await Problems.JsonAsync(await client.GetAsync(path))).GetProperty("details");
        var hardware = details.GetProperty("hardware");
        Assert.Equal(1, hardware.GetProperty("vCpus").GetInt32());
        Assert.Equal(2, hardware.GetProperty("maxVCpus").GetInt32());
        Assert.Equal(160, hardware.GetProperty("memoryMiB").GetInt64());
        Assert.Equal(192, hardware.GetProperty("maxMemoryMiB").GetInt64());
        Assert.Equal("made by the API test", details.GetProperty("notes").GetProperty("description").GetString());
        Assert.Equal(["api", "test"], details.GetProperty("notes").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));

        // "*" matches whatever the guest is now.
        await Problems.JsonAsync(await client.SendAsync(Put(path + "/notes", new { description = "" }, "*")));

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var changes = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.TargetGuestUuid == guest.Uuid)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["set-guest-cpus", "set-guest-memory", "set-guest-notes", "set-guest-notes"], changes.Select(e => e.Action));
        Assert.All(changes, e => Assert.Contains("via API token 'editor'", e.Detail, StringComparison.Ordinal));
        var refused = await db.AuditEntries.Where(e => e.UserName == operatorUser.Identity!.Name && e.Action == ApiCallFilter.CallAction
            && e.Detail!.Contains(ApiErrorCodes.PreconditionFailed)).SingleAsync();
        Assert.StartsWith($"PUT {path}/hardware/memory 412", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_refuse_a_missing_or_stale_etag_bad_bodies_bad_values_unknown_guests_and_a_read_only_token()
    {
        var path = $"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}";
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var etag = await ApiWaits.ETagAsync(client, path);

        foreach (var (edit, body) in new (string, object)[]
        {
            ("/hardware/cpus", new { current = 1, maximum = 1 }),
            ("/hardware/memory", new { currentMiB = 256, maximumMiB = 256 }),
            ("/notes", new { description = "x" }),
        })
        {
            await Problems.AssertAsync(await client.PutAsJsonAsync(path + edit, body), (HttpStatusCode)428, ApiErrorCodes.PreconditionRequired);
            await Problems.AssertAsync(await client.SendAsync(Put(path + edit, body, "\"00000000000000000000000000000000\"")),
                HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
            // A weak tag never matches: If-Match compares strongly.
            await Problems.AssertAsync(await client.SendAsync(Put(path + edit, body, "W/" + etag)), HttpStatusCode.PreconditionFailed, ApiErrorCodes.PreconditionFailed);
        }

        await Problems.AssertAsync(await client.SendAsync(Put(path + "/hardware/cpus", new { current = 1 }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(Put(path + "/hardware/memory", new { maximumMiB = 1 }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        await Problems.AssertAsync(await client.SendAsync(Put(path + "/notes", new { tags = new[] { "a" } }, etag)), HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);
        var broken = new HttpRequestMessage(HttpMethod.Put, path + "/hardware/cpus") { Content = new StringContent("{\"current\":\"two\"}", Encoding.UTF8, "application/json") };
        broken.Headers.TryAddWithoutValidation("If-Match", etag);
        await Problems.AssertAsync(await client.SendAsync(broken), HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);
        // More online than defined: the agent's validation, worded from the Domain's keys.
        await Problems.AssertAsync(await client.SendAsync(Put(path + "/hardware/cpus", new { current = 4, maximum = 2 }, etag)), HttpStatusCode.BadRequest, "Input.Invalid");
        Assert.Equal(etag, await ApiWaits.ETagAsync(client, path));

        using var viewer = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));
        await Problems.AssertAsync(await viewer.SendAsync(Put(path + "/hardware/cpus", new { current = 1, maximum = 1 }, etag)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await viewer.SendAsync(Put(path + "/notes", new { description = "x" }, etag)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await client.SendAsync(Put($"/api/v1/hosts/{api.HostId}/guests/{Guid.NewGuid()}/notes", new { description = "x" }, etag)),
            HttpStatusCode.NotFound, "Guest.Missing");
    }

    private static HttpRequestMessage Put(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }
}
