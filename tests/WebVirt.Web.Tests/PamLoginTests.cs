using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Security.Sessions;
using WebVirt.Web.Tests.Infrastructure;
using WebVirt.Web.Tests.Sessions;

namespace WebVirt.Web.Tests;

/// <summary>Host account login against the real PAM stack (pam_unix) with real local users and groups.</summary>
public sealed partial class PamLoginTests(WebAppFixture app, HostAccountFixture host)
    : IClassFixture<WebAppFixture>, IClassFixture<HostAccountFixture>, IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    public Task InitializeAsync()
    {
        _factory = app.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("WebVirt:Pam:Enabled", "true");
            builder.UseSetting("WebVirt:Pam:Service", host.Service);
            builder.UseSetting($"WebVirt:Pam:GroupRoles:{host.OperatorGroup}", Roles.Operator);
            builder.UseSetting($"WebVirt:Pam:GroupRoles:{host.AdminGroup}", Roles.Administrator);
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task PamAuthenticatorAcceptsOnlyTheRightPassword()
    {
        var options = new StaticOptions(new PamOptions { Enabled = true, Service = host.Service });
        var authenticator = new PamAuthenticator(options, NullLogger<PamAuthenticator>.Instance);

        Assert.True(await authenticator.AuthenticateAsync(host.Member, host.Password, "127.0.0.1"));
        Assert.False(await authenticator.AuthenticateAsync(host.Member, host.Password + "x", "127.0.0.1"));
        Assert.False(await authenticator.AuthenticateAsync(host.Member, "", "127.0.0.1"));
        Assert.False(await authenticator.AuthenticateAsync("wvtnobody" + host.Service[^8..], host.Password, null));
    }

    [Fact]
    public void HostGroupsAreReadFromTheSystem()
    {
        var groups = HostAccounts.GroupsOf(host.Member);

        Assert.NotNull(groups);
        Assert.Contains(host.OperatorGroup, groups);
        Assert.DoesNotContain(host.AdminGroup, groups);
        Assert.Null(HostAccounts.GroupsOf("wvtnobody" + host.Service[^8..]));
    }

    [Fact]
    public async Task RightPasswordSignsInThroughTheFormWithTheMappedRole()
    {
        using var client = LoginClient.Create(_factory);

        var response = await PostHostLoginAsync(client, host.Member, host.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var (user, roles) = await ConsoleUserAsync(host.Member);
        Assert.Equal(HostAccountNames.ConsoleName(host.Member), user.UserName);
        Assert.Null(user.PasswordHash);
        Assert.Equal([Roles.Operator], roles);
    }

    [Fact]
    public async Task AHostLoginOpensAServerSideSessionAndItsCookieIsRefusedAfterLogout()
    {
        using var client = LoginClient.Create(_factory);

        var cookie = SessionCookies.CopyAuthCookie(await PostHostLoginAsync(client, host.Member, host.Password));

        var (user, _) = await ConsoleUserAsync(host.Member);
        var sessions = await SessionCookies.SessionsOfAsync(_factory, user.Id);
        Assert.NotEmpty(sessions);
        Assert.Null(sessions[0].EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(_factory, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookies.LogoutAsync(client)).StatusCode);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(_factory, cookie));
        Assert.Equal(SessionEndReasons.LoggedOut, (await SessionCookies.SessionsOfAsync(_factory, user.Id))[0].EndReason);
    }

    [Fact]
    public async Task ADisabledHostAccountCannotLogInAndTheRefusalIsAudited()
    {
        using (var first = LoginClient.Create(_factory))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostHostLoginAsync(first, host.Member, host.Password)).StatusCode);
        }

        var (user, _) = await ConsoleUserAsync(host.Member);
        Assert.True(user.LockoutEnabled);
        await SetLockoutEndAsync(user.Id, DateTimeOffset.MaxValue);
        try
        {
            using var client = LoginClient.Create(_factory);
            var refused = await PostHostLoginAsync(client, host.Member, host.Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.DoesNotContain(refused.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));
            Assert.Contains(await AuditActionsAsync(HostAccountNames.ConsoleName(host.Member)), action => action == LoginService.ActionDisabled);
        }
        finally
        {
            await SetLockoutEndAsync(user.Id, null);
        }
    }

    [Fact]
    public async Task AWrongHostPasswordIsAuditedWithTheSourceAddress()
    {
        using var client = LoginClient.Create(_factory);

        await PostHostLoginAsync(client, host.Member, "not-" + host.Password);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var details = await db.AuditEntries.Where(entry => entry.UserName == HostAccountNames.ConsoleName(host.Member) && entry.Action == LoginService.ActionFailed)
            .Select(entry => entry.Detail).ToListAsync();
        Assert.Contains(details, detail => detail!.StartsWith("from=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FailedTriesOfTheConsoleNameOnTheWebVirtFormDoNotLockTheHostAccountOut()
    {
        using var client = LoginClient.Create(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PostHostLoginAsync(client, host.Member, host.Password)).StatusCode);

        using var attacker = LoginClient.Create(_factory);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var refused = await LoginClient.PostLoginAsync(attacker, HostAccountNames.ConsoleName(host.Member), host.Password);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        using var again = LoginClient.Create(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await PostHostLoginAsync(again, host.Member, host.Password)).StatusCode);
    }

    [Fact]
    public async Task RoleChangesFromHostGroupsAreAudited()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var pam = scope.ServiceProvider.GetRequiredService<PamLogin>();
        Assert.Equal(PamLoginResult.Succeeded, (await pam.CheckAsync(host.Member, host.Password, null)).Result);

        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var rows = await db.AuditEntries.Where(entry => entry.UserName == HostAccountNames.ConsoleName(host.Member) && entry.Action == PamLogin.ActionRoleSync)
            .Select(entry => entry.Detail).ToListAsync();
        Assert.Contains($"role={Roles.Operator} was=-", rows);
    }

    [Fact]
    public async Task WrongPasswordIsRefusedWithTheGenericMessage()
    {
        using var client = LoginClient.Create(_factory);

        var wrong = await PostHostLoginAsync(client, host.Member, "not-" + host.Password);
        var unknown = await PostHostLoginAsync(client, "wvtnobody" + host.Service[^8..], host.Password);

        foreach (var response in new[] { wrong, unknown })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));
        }

        var wrongHtml = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("Login failed", wrongHtml);
        Assert.Equal(ErrorText(wrongHtml), ErrorText(await unknown.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task UserWithoutAMappedGroupIsRefusedWithAClearMessage()
    {
        using var client = LoginClient.Create(_factory);

        var response = await PostHostLoginAsync(client, host.Outsider, host.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("none of the groups", await response.Content.ReadAsStringAsync());
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.Null(await users.FindByLoginAsync(HostAccountNames.LoginProvider, host.Outsider));
    }

    [Fact]
    public async Task AGroupChangeOnTheHostChangesTheRoleAtTheNextLogin()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var pam = scope.ServiceProvider.GetRequiredService<PamLogin>();
        Assert.Equal(PamLoginResult.Succeeded, (await pam.CheckAsync(host.Member, host.Password, null)).Result);
        Assert.Equal([Roles.Operator], (await ConsoleUserAsync(host.Member)).Roles);

        await host.JoinAsync(host.Member, host.AdminGroup);
        try
        {
            Assert.Equal(PamLoginResult.Succeeded, (await pam.CheckAsync(host.Member, host.Password, null)).Result);
            Assert.Equal([Roles.Administrator], (await ConsoleUserAsync(host.Member)).Roles);
        }
        finally
        {
            await host.LeaveAsync(host.Member, host.AdminGroup);
        }

        Assert.Equal(PamLoginResult.Succeeded, (await pam.CheckAsync(host.Member, host.Password, null)).Result);
        Assert.Equal([Roles.Operator], (await ConsoleUserAsync(host.Member)).Roles);

        await host.LeaveAsync(host.Member, host.OperatorGroup);
        try
        {
            Assert.Equal(PamLoginResult.NoMappedGroup, (await pam.CheckAsync(host.Member, host.Password, null)).Result);
        }
        finally
        {
            await host.JoinAsync(host.Member, host.OperatorGroup);
        }
    }

    [Fact]
    public async Task ALocalAccountOfTheSameNameIsAnotherUser()
    {
        const string localPassword = "local-password-1";
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var local = new IdentityUser(host.Outsider);
            Assert.True((await users.CreateAsync(local, localPassword)).Succeeded);
            Assert.True((await users.AddToRoleAsync(local, Roles.Viewer)).Succeeded);

            // Nobody can make a WebVirt account that looks like a host account.
            var fake = await users.CreateAsync(new IdentityUser(HostAccountNames.ConsoleName(host.Member)), localPassword);
            Assert.False(fake.Succeeded);
        }

        using var client = LoginClient.Create(_factory);
        // The host password is not the local account's password, nor the other way round.
        Assert.Equal(HttpStatusCode.OK, (await LoginClient.PostLoginAsync(client, host.Outsider, host.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostHostLoginAsync(client, host.Outsider, localPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(client, host.Outsider, localPassword)).StatusCode);
    }

    [Fact]
    public async Task WithPamOffTheFormHasNoRealmAndHostLoginsFail()
    {
        using var client = LoginClient.Create(app.Factory);

        Assert.DoesNotContain("data-testid=\"login-realm\"", await client.GetStringAsync("/login"));
        var response = await PostHostLoginAsync(client, host.Member, host.Password, expectRealm: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", await response.Content.ReadAsStringAsync());
    }

    private async Task<(IdentityUser User, IList<string> Roles)> ConsoleUserAsync(string hostUser)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByLoginAsync(HostAccountNames.LoginProvider, hostUser);
        Assert.NotNull(user);
        return (user, await users.GetRolesAsync(user));
    }

    private async Task SetLockoutEndAsync(string userId, DateTimeOffset? end)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        Assert.True((await users.SetLockoutEndDateAsync((await users.FindByIdAsync(userId))!, end)).Succeeded);
    }

    private async Task<List<string>> AuditActionsAsync(string userName)
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.Where(entry => entry.UserName == userName).Select(entry => entry.Action).ToListAsync();
    }

    private static async Task<HttpResponseMessage> PostHostLoginAsync(HttpClient client, string userName, string password, bool expectRealm = true)
    {
        var html = await client.GetStringAsync("/login");
        Assert.Equal(expectRealm, html.Contains("data-testid=\"login-realm\"", StringComparison.Ordinal));
        var fields = HiddenInput().Matches(html)
            .ToDictionary(match => WebUtility.HtmlDecode(match.Groups["name"].Value), match => WebUtility.HtmlDecode(match.Groups["value"].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        fields["Input.Realm"] = LoginRealm.Host;
        return await client.PostAsync("/login", new FormUrlEncodedContent(fields));
    }

    private static string ErrorText(string html) => ErrorAlert().Match(html).Value;

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("data-testid=\"login-error\"[\\s\\S]*?</div>")]
    private static partial Regex ErrorAlert();

    private sealed class StaticOptions(PamOptions value) : IOptionsMonitor<PamOptions>
    {
        public PamOptions CurrentValue => value;

        public PamOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<PamOptions, string?> listener) => null;
    }
}
