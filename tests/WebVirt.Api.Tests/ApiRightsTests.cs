using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Api.Tests;

/// <summary>
/// Grants through /api/v1/rights, and what they let a token see and do on the real agent: a user with a right on
/// one guest sees nothing of another in the list, search, details, tasks or its history, and a token's scope never
/// gives more than its owner's rights.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ApiRightsTests(ApiFixture api)
{
    [Fact]
    public async Task A_user_with_a_right_on_one_guest_sees_nothing_of_another_guest_in_the_api()
    {
        await using var other = await ApiDiskGuest.CreateAsync("rights-other");
        var cloneName = other.Name + "-copy";
        other.AlsoRemove.Add(cloneName);
        await ApiFixture.WaitForGuestAsync(api.Factory, other.Name);
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var adminClient = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        var userName = await CreateUserWithoutRoleAsync();
        var granted = $"/hosts/{api.HostId}/guests/{api.GuestUuid}";

        var created = await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = granted, role = Roles.Operator });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grantId = (await Problems.JsonAsync(created)).GetProperty("id").GetGuid();
        var grants = await CountGrantsAsync(adminClient);
        await Problems.AssertAsync(await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/guests/nope", role = Roles.Operator }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownPath);
        await Problems.AssertAsync(await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = "/hosts/no-such-host", role = Roles.Operator }),
            HttpStatusCode.BadRequest, RightsErrors.UnknownHost);
        await Problems.AssertAsync(await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = granted, role = "" }),
            HttpStatusCode.BadRequest, RightsErrors.EmptyRole);
        await Problems.AssertAsync(await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = granted, role = Roles.Operator }),
            HttpStatusCode.Conflict, RightsErrors.Duplicate);
        Assert.Equal(grants, await CountGrantsAsync(adminClient));

        var owner = await api.AsUserAsync(await PrincipalOfAsync(userName), tokens => tokens.CreateAsync("rights-operate", ApiTokenScope.Operate, null));
        Assert.True(owner.Ok, owner.Error);
        using var user = api.Client(owner.Token);

        // The list and its counts, and the search by name, hold the granted guest only.
        var listed = await Problems.JsonAsync(await user.GetAsync("/api/v1/guests?pageSize=500"));
        Assert.Equal(api.GuestUuid, Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("uuid").GetString());
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        Assert.Equal(0, (await Problems.JsonAsync(await user.GetAsync($"/api/v1/guests?name={other.Name}"))).GetProperty("total").GetInt32());
        Assert.Equal(1, (await Problems.JsonAsync(await user.GetAsync($"/api/v1/guests?name={api.GuestName}"))).GetProperty("total").GetInt32());
        var otherPath = $"/api/v1/hosts/{api.HostId}/guests/{other.Uuid}";
        var hidden = await user.GetAsync(otherPath);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(other.Name, await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsync(otherPath + "/start", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync(otherPath + "/snapshots")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync($"/api/v1{granted}")).StatusCode);

        // A task on the other guest (a clone by the administrator, who then owns the clone) is not the user's to see.
        var cloning = await adminClient.PostAsJsonAsync($"{otherPath}/clone", new { name = cloneName });
        Assert.Equal(HttpStatusCode.Accepted, cloning.StatusCode);
        var task = await ApiWaits.TaskSucceededAsync(adminClient, cloning.Headers.Location!);
        var taskId = task.GetProperty("taskId").GetString()!;
        var tasks = await Problems.JsonAsync(await user.GetAsync("/api/v1/tasks"));
        Assert.DoesNotContain(tasks.EnumerateArray(), t => t.GetProperty("taskId").GetString() == taskId);
        Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync($"/api/v1/tasks/{taskId}")).StatusCode);
        var cloneUuid = task.GetProperty("targetUuid").GetString()!;
        await EventuallyOwnerGrantAsync(adminClient, $"/hosts/{api.HostId}/guests/{cloneUuid}", admin.Identity!.Name!);

        // Why the user may do what they may: one grant, to them.
        var effective = await Problems.JsonAsync(await adminClient.GetAsync($"/api/v1/users/{userName}/effective-rights"));
        var reason = Assert.Single(effective.GetProperty("grants").EnumerateArray());
        Assert.Equal((granted, Roles.Operator, "User"), (reason.GetProperty("path").GetString(), reason.GetProperty("role").GetString(), reason.GetProperty("source").GetString()));
        await Problems.AssertAsync(await user.GetAsync("/api/v1/rights"), HttpStatusCode.Forbidden, RightsErrors.Forbidden);

        // Revoked: from the next call on the token has nothing left to lend.
        Assert.Equal(HttpStatusCode.NoContent, (await adminClient.DeleteAsync($"/api/v1/rights/{grantId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.GetAsync("/api/v1/guests")).StatusCode);
    }

    [Fact]
    public async Task A_tokens_scope_never_exceeds_its_owners_rights()
    {
        using var adminClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var userName = await CreateUserWithoutRoleAsync();
        var granted = $"/hosts/{api.HostId}/guests/{api.GuestUuid}";
        Assert.Equal(HttpStatusCode.Created, (await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = granted, role = Roles.Viewer })).StatusCode);

        // An administer token of a user who may only look at one guest: it may only look at that guest.
        var widest = await api.AsUserAsync(await PrincipalOfAsync(userName), tokens => tokens.CreateAsync("rights-escalate", ApiTokenScope.Administer, null));
        Assert.True(widest.Ok, widest.Error);
        using var escalating = api.Client(widest.Token);
        Assert.Equal(HttpStatusCode.OK, (await escalating.GetAsync($"/api/v1{granted}")).StatusCode);
        await Problems.AssertAsync(await escalating.PostAsync($"/api/v1{granted}/start", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await escalating.PostAsJsonAsync("/api/v1/rights", new { userName, path = "/", role = Roles.Administrator }),
            HttpStatusCode.Forbidden, RightsErrors.Forbidden);
        await Problems.AssertAsync(await escalating.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        Assert.Equal(1, (await Problems.JsonAsync(await escalating.GetAsync("/api/v1/guests"))).GetProperty("total").GetInt32());

        // A read-only token of an operator of the guest may not operate it either.
        Assert.Equal(HttpStatusCode.Created, (await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = granted, role = Roles.Operator })).StatusCode);
        var readOnly = await api.AsUserAsync(await PrincipalOfAsync(userName), tokens => tokens.CreateAsync("rights-read", ApiTokenScope.ReadOnly, null));
        using var reader = api.Client(readOnly.Token);
        await Problems.AssertAsync(await reader.PostAsync($"/api/v1{granted}/start", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
    }

    [Fact]
    public async Task A_user_granted_one_pool_uploads_and_downloads_there_through_the_api_and_nowhere_else()
    {
        await using var mine = await ApiDiskGuest.CreateAsync("rights-pool");
        await using var theirs = await ApiDiskGuest.CreateAsync("rights-pool-other");
        using var adminClient = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Administrator), ApiTokenScope.Administer));
        var userName = await CreateUserWithoutRoleAsync();
        var created = await adminClient.PostAsJsonAsync("/api/v1/rights", new { userName, path = $"/hosts/{api.HostId}/pools/{mine.Pool}", role = Roles.Administrator });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = await api.AsUserAsync(await PrincipalOfAsync(userName), tokens => tokens.CreateAsync("rights-pool", ApiTokenScope.Administer, null));
        Assert.True(token.Ok, token.Error);
        using var user = api.Client(token.Token);
        var content = new byte[1024 * 1024 + 3];
        Random.Shared.NextBytes(content);

        // The storage page's rule, manage storage on the pool: the granted pool takes the upload and gives it back.
        var mineVolumes = $"/api/v1/hosts/{api.HostId}/storage-pools/{mine.Pool}/volumes";
        Assert.Equal(HttpStatusCode.Created, (await user.PutAsync(mineVolumes + "/granted.iso/content", Bytes(content))).StatusCode);
        var back = await user.GetByteArrayAsync(mineVolumes + "/granted.iso/content");
        Assert.Equal(content, back[..content.Length]);

        // The other pool refuses both, and nothing is written there.
        var theirVolumes = $"/api/v1/hosts/{api.HostId}/storage-pools/{theirs.Pool}/volumes";
        await Problems.AssertAsync(await user.PutAsync(theirVolumes + "/refused.iso/content", Bytes(content)), HttpStatusCode.Forbidden, "Agent.Forbidden");
        await Problems.AssertAsync(await user.GetAsync($"{theirVolumes}/{TestGuestImages.Disk}/content"), HttpStatusCode.Forbidden, "Agent.Forbidden");
        Assert.Empty(Directory.GetFiles(theirs.Directory, "*.iso"));
    }

    private static ByteArrayContent Bytes(byte[] content)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        return body;
    }

    private async Task<string> CreateUserWithoutRoleAsync()
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("api-rights-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await users.CreateAsync(user, "Api-user-pass-1")).Succeeded);
        return user.UserName!;
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> PrincipalOfAsync(string userName)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName);
        return new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, user!.Id), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, userName)], "Test"));
    }

    private static async Task<int> CountGrantsAsync(HttpClient admin) =>
        (await Problems.JsonAsync(await admin.GetAsync("/api/v1/rights"))).GetArrayLength();

    private static async Task EventuallyOwnerGrantAsync(HttpClient admin, string path, string owner)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var grants = await Problems.JsonAsync(await admin.GetAsync("/api/v1/rights"));
            if (grants.EnumerateArray().Any(g => g.GetProperty("path").GetString() == path && g.GetProperty("isOwner").GetBoolean()
                && g.GetProperty("userName").GetString() == owner && g.GetProperty("role").GetString() == Roles.Operator))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No owner grant for {owner} on {path}: {grants}");
            await Task.Delay(200);
        }
    }
}
