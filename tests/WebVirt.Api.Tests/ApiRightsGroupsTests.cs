using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Api.Tests;

/// <summary>
/// Groups, their members and custom roles through /api/v1/rights/groups and /roles, as the Rights page makes
/// them (administrators only, refusals change nothing, every change audited); and grants on guests, pools or
/// networks their connected host does not have are refused, while a known host that is not connected takes them.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiRightsGroupsTests(ApiFixture api)
{
    [Fact]
    public async Task Groups_members_and_custom_roles_are_managed_through_the_api_by_administrators_only()
    {
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        using var operatorClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var member = await CreateUserWithoutRoleAsync();
        var group = "grp-" + Guid.NewGuid().ToString("N")[..8];
        var role = "role-" + Guid.NewGuid().ToString("N")[..8];

        // Not an administrator: nothing to see, nothing made.
        await Problems.AssertAsync(await operatorClient.GetAsync("/api/v1/rights/groups"), HttpStatusCode.Forbidden, RightsErrors.Forbidden);
        await Problems.AssertAsync(await operatorClient.GetAsync("/api/v1/rights/roles"), HttpStatusCode.Forbidden, RightsErrors.Forbidden);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync("/api/v1/rights/groups", new { name = group }), HttpStatusCode.Forbidden, RightsErrors.Forbidden);
        await Problems.AssertAsync(await operatorClient.PostAsJsonAsync("/api/v1/rights/roles", new { name = role, privileges = new[] { "ViewInventory" } }),
            HttpStatusCode.Forbidden, RightsErrors.Forbidden);
        Assert.DoesNotContain(group, await (await client.GetAsync("/api/v1/rights/groups")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A group: made once, a bad or taken name or a broken body refused.
        var created = await client.PostAsJsonAsync("/api/v1/rights/groups", new { name = group });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var groupId = (await Problems.JsonAsync(created)).GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/rights/groups/{groupId}", created.Headers.Location!.OriginalString);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights/groups", new { name = group }), HttpStatusCode.Conflict, RightsErrors.NameTaken);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights/groups", new { name = " padded" }), HttpStatusCode.BadRequest, RightsErrors.BadName);
        await Problems.AssertAsync(await client.PostAsync("/api/v1/rights/groups", new StringContent("{", System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);

        // Members: added once, unknown users and groups refused, removed once.
        var members = $"/api/v1/rights/groups/{groupId}/members";
        var added = await Problems.JsonAsync(await client.PostAsJsonAsync(members, new { userName = member }));
        Assert.Equal([member], added.GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        await Problems.AssertAsync(await client.PostAsJsonAsync(members, new { userName = member }), HttpStatusCode.Conflict, RightsErrors.AlreadyMember);
        await Problems.AssertAsync(await client.PostAsJsonAsync(members, new { userName = "nobody-" + group }), HttpStatusCode.NotFound, RightsErrors.UnknownUser);
        await Problems.AssertAsync(await client.PostAsJsonAsync($"/api/v1/rights/groups/{Guid.NewGuid()}/members", new { userName = member }),
            HttpStatusCode.NotFound, RightsErrors.UnknownGroup);

        // A custom role: listed after the built-in ones, its privileges changed; built-in roles stay as they are.
        var roleCreated = await client.PostAsJsonAsync("/api/v1/rights/roles", new { name = role, privileges = new[] { "ViewInventory" } });
        Assert.Equal(HttpStatusCode.Created, roleCreated.StatusCode);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights/roles", new { name = Roles.Operator, privileges = new[] { "ViewInventory" } }),
            HttpStatusCode.Conflict, RightsErrors.NameTaken);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights/roles", new { name = role + "-x", privileges = Array.Empty<string>() }),
            HttpStatusCode.BadRequest, RightsErrors.NoPrivileges);
        var updated = await Problems.JsonAsync(await client.PutAsJsonAsync($"/api/v1/rights/roles/{role}", new { privileges = new[] { "ViewInventory", "ManageSnapshots" } }));
        Assert.Equal(["ViewInventory", "ManageSnapshots"], updated.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
        await Problems.AssertAsync(await client.PutAsJsonAsync($"/api/v1/rights/roles/{role}", new { privileges = new[] { "FlyToTheMoon" } }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownPrivilege);
        await Problems.AssertAsync(await client.PutAsJsonAsync($"/api/v1/rights/roles/{Roles.Operator}", new { privileges = new[] { "ViewInventory" } }),
            HttpStatusCode.Conflict, RightsErrors.BuiltIn);
        await Problems.AssertAsync(await client.DeleteAsync($"/api/v1/rights/roles/{Roles.Administrator}"), HttpStatusCode.Conflict, RightsErrors.BuiltIn);
        await Problems.AssertAsync(await client.PutAsJsonAsync($"/api/v1/rights/roles/{role}-none", new { privileges = new[] { "ViewInventory" } }),
            HttpStatusCode.NotFound, RightsErrors.NotFound);
        var roles = (await Problems.JsonAsync(await client.GetAsync("/api/v1/rights/roles"))).EnumerateArray().ToList();
        Assert.Equal(Roles.BuiltIn, roles.Where(r => r.GetProperty("builtIn").GetBoolean()).Select(r => r.GetProperty("name").GetString()));
        var listed = Assert.Single(roles, r => r.GetProperty("name").GetString() == role);
        Assert.False(listed.GetProperty("builtIn").GetBoolean());
        Assert.Equal(["ViewInventory", "ManageSnapshots"], listed.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));

        // The role granted to the group reaches its member; a role still granted cannot go.
        var path = $"/hosts/{api.HostId}/guests/{api.GuestUuid}";
        var grant = await client.PostAsJsonAsync("/api/v1/rights", new { groupName = group, path, role });
        Assert.Equal(HttpStatusCode.Created, grant.StatusCode);
        var reason = Assert.Single((await Problems.JsonAsync(await client.GetAsync($"/api/v1/users/{member}/effective-rights"))).GetProperty("grants").EnumerateArray());
        Assert.Equal(("Group", group, role), (reason.GetProperty("source").GetString(), reason.GetProperty("via").GetString(), reason.GetProperty("role").GetString()));
        Assert.Contains("ManageSnapshots", reason.GetProperty("privileges").EnumerateArray().Select(p => p.GetString()));
        await Problems.AssertAsync(await client.DeleteAsync($"/api/v1/rights/roles/{role}"), HttpStatusCode.Conflict, RightsErrors.RoleInUse);

        // Taken apart again: member, grant, role, group.
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{members}/{member}")).StatusCode);
        await Problems.AssertAsync(await client.DeleteAsync($"{members}/{member}"), HttpStatusCode.NotFound, RightsErrors.NotFound);
        Assert.Empty((await Problems.JsonAsync(await client.GetAsync($"/api/v1/users/{member}/effective-rights"))).GetProperty("grants").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/rights/{(await Problems.JsonAsync(grant)).GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/rights/roles/{role}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/rights/groups/{groupId}")).StatusCode);
        await Problems.AssertAsync(await client.DeleteAsync($"/api/v1/rights/groups/{groupId}"), HttpStatusCode.NotFound, RightsErrors.NotFound);
        Assert.DoesNotContain(group, await (await client.GetAsync("/api/v1/rights/groups")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var audited = await AuditOfAsync(admin.Identity!.Name!);
        Assert.Contains(("rights-role-update", AuditEntry.ResultOk), audited);
        Assert.Contains(("rights-role-update", AuditEntry.ResultError), audited);
        Assert.Contains(("rights-group-add", AuditEntry.ResultOk), audited);
        Assert.Contains(("rights-group-remove", AuditEntry.ResultOk), audited);
    }

    [Fact]
    public async Task A_grant_on_a_guest_pool_or_network_its_connected_host_lacks_is_refused_and_a_disconnected_host_takes_one()
    {
        await using var disk = await ApiDiskGuest.CreateAsync("rights-pool");
        var admin = await api.CreateUserAsync(Roles.Administrator);
        var token = await api.CreateTokenAsync(admin, ApiTokenScope.Administer);
        using var client = api.Client(token);
        var userName = await CreateUserWithoutRoleAsync();
        var before = await CountGrantsAsync(client);

        var missingGuest = $"/hosts/{api.HostId}/guests/{Guid.NewGuid()}";
        var refused = await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights", new { userName, path = missingGuest, role = Roles.Operator }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownObject);
        Assert.Equal("The path names a guest, pool or network its host does not have.", refused.GetProperty("title").GetString());
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/pools/{disk.Pool}-none", role = Roles.Operator }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownObject);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/networks/{disk.Pool}-none", role = Roles.Operator }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownObject);
        using (var chinese = api.Client(token))
        {
            chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-Hans");
            var zh = await Problems.AssertAsync(await chinese.PostAsJsonAsync("/api/v1/rights", new { userName, path = missingGuest, role = Roles.Operator }),
                HttpStatusCode.BadRequest, RightsErrors.UnknownObject);
            Assert.Equal("路径中的虚拟机、存储池或网络在其主机上不存在。", zh.GetProperty("title").GetString());
        }

        Assert.Equal(before, await CountGrantsAsync(client));
        Assert.Contains(await AuditDetailsAsync(admin.Identity!.Name!), d => d.Contains(RightsErrors.UnknownObject, StringComparison.Ordinal));

        // The pool that is there takes a grant.
        var onPool = await client.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/pools/{disk.Pool}", role = Roles.Operator });
        Assert.Equal(HttpStatusCode.Created, onPool.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/rights/{(await Problems.JsonAsync(onPool)).GetProperty("id").GetGuid()}")).StatusCode);

        // A known host whose agent is not reachable cannot say what it holds: the grant is taken (rights prepared during an outage).
        var offline = "wvt-offline-" + Guid.NewGuid().ToString("N")[..6];
        await using var console = api.CreateFactory(new Dictionary<string, string?>
        {
            ["WebVirt:Agents:1:HostId"] = offline,
            ["WebVirt:Agents:1:Name"] = offline,
            ["WebVirt:Agents:1:Url"] = $"http://127.0.0.1:{WebVirt.Testing.FreePort.Next()}",
            ["WebVirt:Agents:1:Token"] = "offline-host-token",
        });
        using var viaOther = api.Client(token, console);
        var onOffline = await viaOther.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{offline}/guests/{Guid.NewGuid()}", role = Roles.Operator });
        Assert.Equal(HttpStatusCode.Created, onOffline.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await viaOther.DeleteAsync($"/api/v1/rights/{(await Problems.JsonAsync(onOffline)).GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(before, await CountGrantsAsync(client));
    }

    private async Task<string> CreateUserWithoutRoleAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("api-groups-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await users.CreateAsync(user, "Api-user-pass-1")).Succeeded);
        return user.UserName!;
    }

    private static async Task<int> CountGrantsAsync(HttpClient admin) =>
        (await Problems.JsonAsync(await admin.GetAsync("/api/v1/rights"))).GetArrayLength();

    private async Task<List<(string Action, string Result)>> AuditOfAsync(string userName)
    {
        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        return [.. (await db.AuditEntries.Where(e => e.UserName == userName).Select(e => new { e.Action, e.Result }).ToListAsync()).Select(e => (e.Action, e.Result))];
    }

    private async Task<List<string>> AuditDetailsAsync(string userName)
    {
        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.UserName == userName && e.Detail != null).Select(e => e.Detail!).ToListAsync();
    }
}
