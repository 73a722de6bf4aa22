using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>Every /api/v1 endpoint against the real agent: its answer, its filters, its refusals as problem details, its audit.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiEndpointTests(ApiFixture api)
{
    [Fact]
    public async Task Hosts_lists_the_agents_host_and_shows_its_details()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));

        var hosts = await Problems.JsonAsync(await client.GetAsync("/api/v1/hosts"));
        var host = Assert.Single(hosts.EnumerateArray());
        Assert.Equal(api.HostId, host.GetProperty("id").GetString());
        Assert.Equal("Connected", host.GetProperty("link").GetString());
        Assert.True(host.GetProperty("info").GetProperty("cpus").GetInt32() > 0);

        var details = await Problems.JsonAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}"));
        Assert.Equal(api.HostId, details.GetProperty("host").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Object, details.GetProperty("details").ValueKind);

        await Problems.AssertAsync(await client.GetAsync("/api/v1/hosts/no-such-host"), HttpStatusCode.NotFound, "Agent.UnknownHost");
    }

    [Fact]
    public async Task Guests_filter_and_page_and_refuse_a_bad_filter()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));

        var all = await Problems.JsonAsync(await client.GetAsync("/api/v1/guests?pageSize=500"));
        var total = all.GetProperty("total").GetInt32();
        Assert.Contains(all.GetProperty("items").EnumerateArray(), g => g.GetProperty("uuid").GetString() == api.GuestUuid);

        var byName = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?name={Uri.EscapeDataString(api.GuestName.ToUpperInvariant())}&hostId={api.HostId}"));
        var guest = Assert.Single(byName.GetProperty("items").EnumerateArray());
        Assert.Equal(api.GuestName, guest.GetProperty("name").GetString());
        Assert.Equal(1, byName.GetProperty("total").GetInt32());

        var otherHost = await Problems.JsonAsync(await client.GetAsync("/api/v1/guests?hostId=elsewhere"));
        Assert.Equal(0, otherHost.GetProperty("total").GetInt32());
        var templates = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?template=true&name={api.GuestName}"));
        Assert.Equal(0, templates.GetProperty("total").GetInt32());

        // Paged within our own guest (other tests define guests on the same libvirt meanwhile): page 1 holds it, page 2 nothing, both say the total.
        var first = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?name={api.GuestName}&page=1&pageSize=1"));
        Assert.Equal(1, first.GetProperty("total").GetInt32());
        Assert.Equal(1, first.GetProperty("items").GetArrayLength());
        Assert.Equal(1, first.GetProperty("pageSize").GetInt32());
        var beyond = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?name={api.GuestName}&page=2&pageSize=1"));
        Assert.Equal(1, beyond.GetProperty("total").GetInt32());
        Assert.Equal(0, beyond.GetProperty("items").GetArrayLength());
        Assert.Equal(2, beyond.GetProperty("page").GetInt32());
        Assert.True(total >= 1);

        await Problems.AssertAsync(await client.GetAsync("/api/v1/guests?state=sleeping"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/guests?pageSize=0"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/guests?page=0"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
    }

    [Fact]
    public async Task A_guest_shows_its_summary_and_details_and_an_unknown_one_is_404()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));

        var guest = await Problems.JsonAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}"));
        Assert.Equal(api.GuestName, guest.GetProperty("summary").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Object, guest.GetProperty("details").ValueKind);

        var missing = Guid.NewGuid().ToString();
        var problem = await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/{api.HostId}/guests/{missing}"), HttpStatusCode.NotFound, "Guest.Missing");
        Assert.Contains(missing, problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        await Problems.AssertAsync(await client.GetAsync($"/api/v1/hosts/nowhere/guests/{api.GuestUuid}"), HttpStatusCode.NotFound, "Agent.UnknownHost");
    }

    [Fact]
    public async Task A_read_only_token_cannot_start_a_guest_and_the_refusal_is_audited_with_the_tokens_name()
    {
        var viewer = await api.CreateUserAsync(Roles.Viewer);
        using var client = api.Client(await api.CreateTokenAsync(viewer, ApiTokenScope.ReadOnly, name: "viewer-script"));

        foreach (var action in GuestsApi.Actions.Keys)
        {
            await Problems.AssertAsync(await client.PostAsync($"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/{action}", null),
                HttpStatusCode.Forbidden, "Agent.Forbidden");
        }

        // An administrator's read-only token is as powerless: the scope, not the owner, bounds it.
        using var adminReadOnly = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.ReadOnly));
        await Problems.AssertAsync(await adminReadOnly.PostAsync($"/api/v1/hosts/{api.HostId}/guests/{api.GuestUuid}/start", null),
            HttpStatusCode.Forbidden, "Agent.Forbidden");

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var refused = await db.AuditEntries.Where(e => e.UserName == viewer.Identity!.Name && e.Action == "start").SingleAsync();
        Assert.Equal(AuditEntry.ResultError, refused.Result);
        Assert.Equal(api.GuestUuid, refused.TargetGuestUuid);
        Assert.Contains("via API token 'viewer-script'", refused.Detail, StringComparison.Ordinal);
        var calls = await db.AuditEntries.Where(e => e.UserName == viewer.Identity!.Name && e.Action == ApiCallFilter.CallAction).ToListAsync();
        Assert.Equal(GuestsApi.Actions.Count, calls.Count);
        Assert.All(calls, call => Assert.Contains("403 Agent.Forbidden via API token 'viewer-script'", call.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Tasks_list_and_filter_and_an_unknown_task_is_404()
    {
        using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Viewer), ApiTokenScope.ReadOnly));

        Assert.Equal(JsonValueKind.Array, (await Problems.JsonAsync(await client.GetAsync("/api/v1/tasks"))).ValueKind);
        Assert.Equal(JsonValueKind.Array, (await Problems.JsonAsync(await client.GetAsync($"/api/v1/tasks?hostId={api.HostId}&state=running"))).ValueKind);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/tasks?state=done"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await client.GetAsync("/api/v1/tasks/no-such-task"), HttpStatusCode.NotFound, "Task.Missing");
    }

    [Fact]
    public async Task Problems_are_worded_in_the_language_the_client_asks_for()
    {
        using var client = api.Client(null);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");
        var problem = await Problems.AssertAsync(await client.GetAsync("/api/v1/guests"), HttpStatusCode.Unauthorized, ApiErrorCodes.TokenMissing);
        Assert.Contains("令牌", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_the_bearer_token()
    {
        using var client = api.Client(null);
        var document = await Problems.JsonAsync(await client.GetAsync("/api/v1/openapi.json"));

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        string[] expected =
        [
            "/api/v1/hosts", "/api/v1/hosts/{hostId}", "/api/v1/guests", "/api/v1/hosts/{hostId}/guests/{uuid}",
            "/api/v1/tasks", "/api/v1/tasks/{taskId}",
            .. GuestsApi.Actions.Keys.Select(action => $"/api/v1/hosts/{{hostId}}/guests/{{uuid}}/{action}"),
        ];
        Assert.Subset(paths, expected.ToHashSet());
        Assert.All(paths, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("apiToken");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Contains("\"ShutOff\"", document.GetRawText(), StringComparison.Ordinal);
    }
}
