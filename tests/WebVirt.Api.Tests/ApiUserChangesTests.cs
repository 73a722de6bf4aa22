using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Api.Tests.Infrastructure;
using WebVirt.Testing;
using WebVirt.Web.Api;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Api.Tests;

/// <summary>The Users page's changes through the API: made by an administrator's administer token, refused as the page refuses them, passwords never echoed or recorded.</summary>
[Collection(ApiCollection.Name)]
public sealed class ApiUserChangesTests(ApiFixture api)
{
    private const string FirstPassword = "Wvt-api16-first-pass-7";
    private const string SecondPassword = "Wvt-api16-second-pass-8";

    [Fact]
    public async Task An_administrator_creates_re_roles_disables_resets_and_deletes_a_user()
    {
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer, name: "user-admin"));
        var userName = TestRun.GuestName("user-" + Guid.NewGuid().ToString("N")[..6]);

        var created = await client.PostAsJsonAsync("/api/v1/users", new { userName, password = FirstPassword, role = Roles.Viewer });
        var createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        Assert.DoesNotContain(FirstPassword, createdText, StringComparison.Ordinal);
        var user = await created.Content.ReadFromJsonAsync<ApiUser>();
        Assert.Equal((userName, Roles.Viewer, false), (user!.UserName, user.Role, user.LockedOut));
        var path = $"/api/v1/users/{user.Id}";
        Assert.Equal(path, created.Headers.Location!.OriginalString);
        Assert.True(await PasswordWorksAsync(user.Id, FirstPassword));

        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/users", new { userName, password = FirstPassword, role = Roles.Viewer }),
            HttpStatusCode.BadRequest, ApiErrorCodes.UserRefused);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/users", new { userName = userName + "-b", password = "short", role = Roles.Viewer }),
            HttpStatusCode.BadRequest, ApiErrorCodes.UserRefused);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/users", new { userName = userName + "-c", password = FirstPassword, role = "Root" }),
            HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);
        await Problems.AssertAsync(await client.PostAsJsonAsync("/api/v1/users", new { userName = userName + "-d", role = Roles.Viewer }),
            HttpStatusCode.BadRequest, ApiErrorCodes.FieldRequired);

        Assert.True((await Problems.JsonAsync(await client.PutAsJsonAsync(path + "/role", new { role = Roles.Operator }))).GetProperty("ok").GetBoolean());
        Assert.Equal(Roles.Operator, (await client.GetFromJsonAsync<ApiUser>(path))!.Role);
        await Problems.AssertAsync(await client.PutAsJsonAsync(path + "/role", new { role = "Root" }), HttpStatusCode.BadRequest, ApiErrorCodes.FilterInvalid);

        var reset = await client.PutAsJsonAsync(path + "/password", new { password = SecondPassword });
        Assert.DoesNotContain(SecondPassword, await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problems.JsonAsync(reset);
        Assert.True(await PasswordWorksAsync(user.Id, SecondPassword));
        Assert.False(await PasswordWorksAsync(user.Id, FirstPassword));
        await Problems.AssertAsync(await client.PutAsJsonAsync(path + "/password", new { password = "x" }), HttpStatusCode.BadRequest, ApiErrorCodes.UserRefused);

        await Problems.JsonAsync(await client.PostAsync(path + "/disable", null));
        Assert.True((await client.GetFromJsonAsync<ApiUser>(path))!.LockedOut);
        await Problems.JsonAsync(await client.PostAsync(path + "/enable", null));
        Assert.False((await client.GetFromJsonAsync<ApiUser>(path))!.LockedOut);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(path)).StatusCode);
        await Problems.AssertAsync(await client.GetAsync(path), HttpStatusCode.NotFound, ApiErrorCodes.UserMissing);
        await Problems.AssertAsync(await client.DeleteAsync(path), HttpStatusCode.NotFound, ApiErrorCodes.UserMissing);
        await Problems.AssertAsync(await client.PutAsJsonAsync(path + "/role", new { role = Roles.Viewer }), HttpStatusCode.NotFound, ApiErrorCodes.UserMissing);

        await using var db = await api.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        var records = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name && e.Action.StartsWith("user-")).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(["user-create", "user-role", "user-password", "user-disable", "user-enable", "user-delete"],
            records.Where(e => e.Result == AuditEntry.ResultOk).Select(e => e.Action));
        var everything = await db.AuditEntries.Where(e => e.UserName == admin.Identity!.Name).Select(e => e.Detail).ToListAsync();
        Assert.Contains(everything, detail => detail!.Contains("via API token 'user-admin'", StringComparison.Ordinal));
        Assert.All(everything, detail => Assert.DoesNotContain("-pass-", detail ?? "", StringComparison.Ordinal));
        Assert.DoesNotContain("-pass-", ReadLogs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changes_are_refused_for_oneself_for_non_administrators_and_for_tokens_below_administer()
    {
        var admin = await api.CreateUserAsync(Roles.Administrator);
        using var client = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Administer));
        using var adminOperate = api.Client(await api.CreateTokenAsync(admin, ApiTokenScope.Operate));
        using var operatorToken = api.Client(await api.CreateTokenAsync(await api.CreateUserAsync(Roles.Operator), ApiTokenScope.Operate));
        var self = $"/api/v1/users/{admin.FindFirstValue(ClaimTypes.NameIdentifier)}";
        var other = await api.CreateUserAsync(Roles.Viewer);
        var otherPath = $"/api/v1/users/{other.FindFirstValue(ClaimTypes.NameIdentifier)}";

        await Problems.AssertAsync(await client.DeleteAsync(self), HttpStatusCode.Conflict, ApiErrorCodes.UserSelf);
        await Problems.AssertAsync(await client.PostAsync(self + "/disable", null), HttpStatusCode.Conflict, ApiErrorCodes.UserSelf);
        await Problems.AssertAsync(await client.PutAsJsonAsync(self + "/role", new { role = Roles.Viewer }), HttpStatusCode.Conflict, ApiErrorCodes.UserSelf);
        await Problems.AssertAsync(await client.PutAsJsonAsync(self + "/password", new { password = SecondPassword }), HttpStatusCode.Conflict, ApiErrorCodes.UserSelf);
        await Problems.AssertAsync(await client.PutAsync(otherPath + "/role", new StringContent("{")), HttpStatusCode.BadRequest, ApiErrorCodes.BodyInvalid);

        foreach (var refused in new[] { adminOperate, operatorToken })
        {
            await Problems.AssertAsync(await refused.PostAsJsonAsync("/api/v1/users", new { userName = "wvt-api16-never", password = FirstPassword, role = Roles.Administrator }),
                HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await refused.PutAsJsonAsync(otherPath + "/role", new { role = Roles.Administrator }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await refused.PutAsJsonAsync(otherPath + "/password", new { password = SecondPassword }), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await refused.PostAsync(otherPath + "/disable", null), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await refused.DeleteAsync(otherPath), HttpStatusCode.Forbidden, "Agent.Forbidden");
            await Problems.AssertAsync(await refused.GetAsync(otherPath), HttpStatusCode.Forbidden, "Agent.Forbidden");
        }

        var unchanged = (await client.GetFromJsonAsync<ApiUser>(otherPath))!;
        Assert.Equal((Roles.Viewer, false), (unchanged.Role, unchanged.LockedOut));
        Assert.True(await PasswordWorksAsync(unchanged.Id, "Api-user-pass-1"));
    }

    private async Task<bool> PasswordWorksAsync(string userId, string password)
    {
        await using var scope = api.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.CheckPasswordAsync((await users.FindByIdAsync(userId))!, password);
    }

    private string ReadLogs()
    {
        var files = Directory.GetFiles(api.WebLogDirectory, "*", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(TestArtifacts.Directory, "logs"), "*.log"));
        return string.Join("\n", files.Select(path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    private sealed record ApiUser(string Id, string UserName, string? Role, bool LockedOut);
}
