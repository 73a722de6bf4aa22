using System.Net;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>The audit log read with filters and paging, and the users listed, by administrators only.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiAuditUsersTests(ApiFixture api)
{
    [Fact]
    public async Task An_administer_token_reads_the_audit_log_filtered_and_paged_and_lists_the_users()
    {
        var viewer = await api.CreateUserAsync(Roles.Viewer);
        using var viewerClient = api.Client(await api.CreateTokenAsync(viewer, ApiTokenScope.ReadOnly));
        for (var i = 0; i < 3; i++)
        {
            await Problems.JsonAsync(await viewerClient.GetAsync("/api/v1/hosts"));
        }

        await Problems.AssertAsync(await viewerClient.GetAsync("/api/v1/hosts/nowhere"), HttpStatusCode.NotFound, "Agent.UnknownHost");
        using var admin = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var name = viewer.Identity!.Name!;
        var calls = $"/api/v1/audit?user={name}&action={ApiCallFilter.CallAction}";

        var all = await Problems.JsonAsync(await admin.GetAsync(calls));
        Assert.Equal(4, all.GetProperty("total").GetInt32());
        var entries = all.GetProperty("items").EnumerateArray().ToList();
        Assert.All(entries, e => Assert.Equal(name, e.GetProperty("userName").GetString()));
        // Newest first: the refused call came last. (The token's creation is an entry of another action.)
        Assert.Equal("error", entries[0].GetProperty("result").GetString());
        Assert.Contains("/api/v1/hosts/nowhere 404", entries[0].GetProperty("detail").GetString(), StringComparison.Ordinal);

        var second = await Problems.JsonAsync(await admin.GetAsync(calls + "&page=2&pageSize=1"));
        Assert.Equal(entries[1].GetProperty("id").GetInt64(), Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(4, second.GetProperty("total").GetInt32());
        var errors = await Problems.JsonAsync(await admin.GetAsync(calls + "&result=error"));
        Assert.Equal(1, errors.GetProperty("total").GetInt32());
        var since = Uri.EscapeDataString(entries[1].GetProperty("at").GetDateTimeOffset().ToString("O"));
        Assert.Equal(2, (await Problems.JsonAsync(await admin.GetAsync($"{calls}&since={since}"))).GetProperty("total").GetInt32());
        Assert.Equal(0, (await Problems.JsonAsync(await admin.GetAsync(calls + "&until=2000-01-01T00:00:00Z"))).GetProperty("total").GetInt32());

        await Problems.AssertAsync(await admin.GetAsync("/api/v1/audit?result=maybe"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await admin.GetAsync("/api/v1/audit?since=yesterday"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await admin.GetAsync("/api/v1/audit?pageSize=0"), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);

        var users = await Problems.JsonAsync(await admin.GetAsync("/api/v1/users"));
        var listed = Assert.Single(users.EnumerateArray(), u => u.GetProperty("userName").GetString() == name);
        Assert.Equal(Roles.Viewer, listed.GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_audit_log_and_users_are_refused_to_tokens_without_administer_scope_even_an_administrators()
    {
        foreach (var (role, scope) in new[] { (Roles.Viewer, ApiTokenScope.ReadOnly), (Roles.Operator, ApiTokenScope.Operate), (Roles.Administrator, ApiTokenScope.Operate) })
        {
            using var client = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(role), scope));
            await Problems.AssertAsync(await client.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await client.GetAsync("/api/v1/users"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        }
    }
}
