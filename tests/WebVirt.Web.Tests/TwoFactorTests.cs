using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.TwoFactor;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Security.Sessions;
using WebVirt.Web.Tests.Infrastructure;
using WebVirt.Web.Tests.Sessions;

namespace WebVirt.Web.Tests;

/// <summary>TOTP enrolment and the login's second step over HTTP, with every bad input refused.</summary>
public sealed class TwoFactorTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Password = "two-factor-password";
    private const string EnrolPath = RequiredTwoFactor.EnrolmentPath;

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("ABCDE-FGHIJ")]
    public async Task EnrolmentRefusesABadCodeAndChangesNothing(string code)
    {
        var userName = await CreateUserAsync();
        using var client = await LoggedInClientAsync(userName);

        var response = await FormClient.PostAsync(client, EnrolPath, "two-factor-enrol", new Dictionary<string, string> { ["EnrolInput.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-error\"", html);
        Assert.Contains("data-testid=\"two-factor-key\"", html);
        Assert.False((await FindAsync(userName)).TwoFactorEnabled);
    }

    [Fact]
    public async Task EnrolmentWithTheRightCodeShowsTenRecoveryCodesOnceAndIsAudited()
    {
        var userName = await CreateUserAsync();
        using var client = await LoggedInClientAsync(userName);
        var page = await client.GetStringAsync(EnrolPath);
        var key = FormClient.KeyOnPage(page);
        Assert.Equal(key, FormClient.KeyOnPage(await client.GetStringAsync(EnrolPath)));
        // The QR code is inline SVG: nothing for the Content-Security-Policy to allow.
        var qr = page[page.IndexOf("data-testid=\"two-factor-qr\"", StringComparison.Ordinal)..];
        qr = qr[..qr.IndexOf("</svg>", StringComparison.Ordinal)];
        Assert.Contains("<svg", qr);
        Assert.DoesNotContain("<script", qr, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", qr, StringComparison.Ordinal);

        var wrong = await EnrolAsync(client, FormClient.WrongCode(key));
        Assert.Contains("data-testid=\"two-factor-error\"", await wrong.Content.ReadAsStringAsync());
        var response = await EnrolAsync(client, FormClient.CurrentCode(key));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(10, FormClient.RecoveryCodesOnPage(html).Distinct().Count());
        Assert.True((await FindAsync(userName)).TwoFactorEnabled);
        var later = await client.GetStringAsync(EnrolPath);
        Assert.Empty(FormClient.RecoveryCodesOnPage(later));
        Assert.Contains("data-testid=\"two-factor-on\"", later);
        Assert.Equal(["error", "ok"], await AuditResultsAsync(userName, TwoFactorAccount.ActionEnrol));
    }

    [Fact]
    public async Task SecondStepRefusesBadCodesAndAcceptsTheRightOne()
    {
        var userName = await CreateUserAsync();
        var (key, _) = await EnrolledAsync(userName);
        using var client = LoginClient.Create(app.Factory);

        var login = await LoginClient.PostLoginAsync(client, userName, Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.StartsWith(TwoFactorSignIn.Path, login.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.False(FormClient.SetsAuthCookie(login));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        foreach (var bad in new[] { "", "12345", "abcdef", "ZZZZZ-ZZZZZ", new string('9', 40), FormClient.WrongCode(key) })
        {
            var refused = await SecondStepAsync(client, bad);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("data-testid=\"two-factor-error\"", await refused.Content.ReadAsStringAsync());
            Assert.False(FormClient.SetsAuthCookie(refused));
        }

        var accepted = await SecondStepAsync(client, FormClient.CurrentCode(key));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(FormClient.SetsAuthCookie(accepted));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ARecoveryCodeWorksOnceAndIsAudited()
    {
        var userName = await CreateUserAsync();
        var (_, recoveryCodes) = await EnrolledAsync(userName);

        using (var first = LoginClient.Create(app.Factory))
        {
            await LoginClient.PostLoginAsync(first, userName, Password);
            // Typed in lower case with a space, as people copy them.
            var accepted = await SecondStepAsync(first, " " + recoveryCodes[0].ToLowerInvariant());
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.True(FormClient.SetsAuthCookie(accepted));
        }

        using var second = LoginClient.Create(app.Factory);
        await LoginClient.PostLoginAsync(second, userName, Password);
        var reused = await SecondStepAsync(second, recoveryCodes[0]);
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.False(FormClient.SetsAuthCookie(reused));
        Assert.Equal(["ok", "error"], await AuditResultsAsync(userName, TwoFactorAccount.ActionRecoveryCode));
    }

    [Fact]
    public async Task ATotpLoginOpensAServerSideSessionAndItsCookieIsRefusedAfterLogout()
    {
        var userName = await CreateUserAsync();
        var (key, _) = await EnrolledAsync(userName);
        var userId = (await FindAsync(userName)).Id;
        var before = (await SessionCookies.SessionsOfAsync(app.Factory, userId)).Count;
        using var client = LoginClient.Create(app.Factory);

        await LoginClient.PostLoginAsync(client, userName, Password);
        Assert.Equal(before, (await SessionCookies.SessionsOfAsync(app.Factory, userId)).Count);
        var accepted = await SecondStepAsync(client, FormClient.CurrentCode(key));
        var cookie = SessionCookies.CopyAuthCookie(accepted);

        var sessions = await SessionCookies.SessionsOfAsync(app.Factory, userId);
        Assert.Equal(before + 1, sessions.Count);
        Assert.Null(sessions[0].EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SessionCookies.LogoutAsync(client)).StatusCode);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.LoggedOut, (await SessionCookies.SessionsOfAsync(app.Factory, userId))[0].EndReason);
    }

    [Fact]
    public async Task ARecoveryCodeLoginOpensAServerSideSession()
    {
        var userName = await CreateUserAsync();
        var (_, recoveryCodes) = await EnrolledAsync(userName);
        var userId = (await FindAsync(userName)).Id;
        var before = (await SessionCookies.SessionsOfAsync(app.Factory, userId)).Count;
        using var client = LoginClient.Create(app.Factory);
        await LoginClient.PostLoginAsync(client, userName, Password);

        var cookie = SessionCookies.CopyAuthCookie(await SecondStepAsync(client, recoveryCodes[1]));

        Assert.Equal(before + 1, (await SessionCookies.SessionsOfAsync(app.Factory, userId)).Count);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);
    }

    [Fact]
    public async Task WrongSecondStepCodesAreThrottledAndAuditedNotLockingTheAccount()
    {
        var userName = await CreateUserAsync();
        var (key, _) = await EnrolledAsync(userName);
        using var client = LoginClient.Create(app.Factory);
        await LoginClient.PostLoginAsync(client, userName, Password);

        HttpResponseMessage last = null!;
        for (var attempt = 0; attempt < LoginThrottle.PairFreeFailures; attempt++)
        {
            last = await SecondStepAsync(client, FormClient.WrongCode(key));
        }

        // The next try, even with the right code, waits: no attempt is spent, nothing is signed in.
        var throttled = await SecondStepAsync(client, FormClient.CurrentCode(key));
        Assert.Equal(HttpStatusCode.OK, throttled.StatusCode);
        Assert.False(FormClient.SetsAuthCookie(throttled));
        Assert.Contains("data-testid=\"two-factor-error\"", await last.Content.ReadAsStringAsync());
        Assert.Equal(LoginThrottle.PairFreeFailures, (await AuditResultsAsync(userName, LoginService.ActionSecondFactorFailed)).Count);
        Assert.Single(await AuditResultsAsync(userName, LoginService.ActionThrottled));
        Assert.False(await LockedOutAsync(userName));
    }

    [Fact]
    public async Task TheTwoFactorCookieIsHttpOnlyAndSameSite()
    {
        var userName = await CreateUserAsync();
        await EnrolledAsync(userName);
        using var client = LoginClient.Create(app.Factory);

        var login = await LoginClient.PostLoginAsync(client, userName, Password);

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), value => value.StartsWith("Identity.TwoFactorUserId=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheSecondStepWithoutAPasswordFirstGoesBackToLogin()
    {
        using var client = LoginClient.Create(app.Factory);

        var response = await client.GetAsync(TwoFactorSignIn.Path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(IdentitySetup.LoginPath, response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task DisablingNeedsACurrentCode()
    {
        var userName = await CreateUserAsync();
        var (key, _) = await EnrolledAsync(userName);
        using var client = LoginClient.Create(app.Factory);
        await LoginClient.PostLoginAsync(client, userName, Password);
        await SecondStepAsync(client, FormClient.CurrentCode(key));

        foreach (var bad in new[] { "", FormClient.WrongCode(key), "abcdef" })
        {
            var refused = await FormClient.PostAsync(client, EnrolPath, "two-factor-disable", new Dictionary<string, string> { ["DisableInput.Code"] = bad });
            Assert.Contains("data-testid=\"two-factor-error\"", await refused.Content.ReadAsStringAsync());
            Assert.True((await FindAsync(userName)).TwoFactorEnabled);
        }

        var disabled = await FormClient.PostAsync(client, EnrolPath, "two-factor-disable", new Dictionary<string, string> { ["DisableInput.Code"] = FormClient.CurrentCode(key) });
        var html = await disabled.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"two-factor-off\"", html);
        Assert.NotEqual(key, FormClient.KeyOnPage(html));
        Assert.False((await FindAsync(userName)).TwoFactorEnabled);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Contains("ok", await AuditResultsAsync(userName, TwoFactorAccount.ActionDisable));
    }

    [Fact]
    public async Task WhenRequiredAnAccountWithoutItReachesOnlyTheEnrolmentPage()
    {
        var userName = await CreateUserAsync();
        await using var required = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("WebVirt:RequireTwoFactor", "true"));
        using var client = LoginClient.Create(required);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(client, userName, Password)).StatusCode);

        foreach (var path in new[] { "/", "/users", "/audit" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(EnrolPath, response.Headers.Location!.OriginalString);
        }

        var page = await client.GetStringAsync(EnrolPath);
        Assert.Contains("data-testid=\"two-factor-required\"", page);
        Assert.DoesNotContain("data-testid=\"two-factor-continue\"", page);

        var key = FormClient.KeyOnPage(page);
        await FormClient.PostFromAsync(client, EnrolPath, page, "two-factor-enrol", new Dictionary<string, string> { ["EnrolInput.Code"] = FormClient.CurrentCode(key) });
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task AnAdministratorSwitchesTheRequirementOnAndOthersCannot()
    {
        var userName = await CreateUserAsync();
        var policy = app.Factory.Services.GetRequiredService<TwoFactorPolicy>();
        var admin = Principal(IdentitySeed.AdminUserName, Roles.Administrator);
        var operatorUser = Principal(userName, Roles.Operator);

        Assert.False(await policy.SetRequiredAsync(operatorUser, required: true));
        Assert.False(await policy.IsRequiredAsync());

        Assert.True(await policy.SetRequiredAsync(admin, required: true));
        try
        {
            Assert.True(await policy.IsRequiredAsync());
            using var client = await LoggedInClientAsync(userName);
            var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(EnrolPath, response.Headers.Location!.OriginalString);
        }
        finally
        {
            Assert.True(await policy.SetRequiredAsync(admin, required: false));
        }

        Assert.False(await policy.IsRequiredAsync());
        Assert.Equal(["error"], await AuditResultsAsync(userName, TwoFactorPolicy.ActionRequire));
        Assert.Equal(["ok", "ok"], await AuditResultsAsync(IdentitySeed.AdminUserName, TwoFactorPolicy.ActionRequire));
    }

    [Fact]
    public async Task ARequirementFromConfigurationCannotBeSwitchedOffInTheUi()
    {
        await using var required = app.Factory.WithWebHostBuilder(builder => builder.UseSetting("WebVirt:RequireTwoFactor", "true"));
        var policy = required.Services.GetRequiredService<TwoFactorPolicy>();

        Assert.False(await policy.SetRequiredAsync(Principal("config-admin", Roles.Administrator), required: false));
        Assert.True(await policy.IsRequiredAsync());
    }

    [Fact]
    public async Task AHostAccountCannotEnrol()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var hostUser = new IdentityUser(HostAccountNames.ConsoleName("hostuser" + Guid.NewGuid().ToString("N")[..6]));
        Assert.True((await users.CreateAsync(hostUser)).Succeeded);
        var key = (await users.GetAuthenticatorKeyAsync(hostUser)) ?? "";

        Assert.False(TwoFactorAccount.CanEnrol(hostUser));
        var account = scope.ServiceProvider.GetRequiredService<TwoFactorAccount>();
        Assert.Null(await account.EnrolAsync(hostUser, key.Length > 0 ? FormClient.CurrentCode(key) : "123456"));
        Assert.False((await users.FindByIdAsync(hostUser.Id))!.TwoFactorEnabled);
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("12345", null)]
    [InlineData("１２３４５６", null)]
    [InlineData("abcdef", null)]
    [InlineData(null, null)]
    public void AuthenticatorCodesAreSixAsciiDigits(string? input, string? expected) =>
        Assert.Equal(expected, AuthenticatorCodes.AsAuthenticatorCode(input));

    [Theory]
    [InlineData("abcde-23456", "ABCDE-23456")]
    [InlineData("ABCDE 23456", null)]
    [InlineData("ABCDE-2345", null)]
    [InlineData("ABCDE-234567", null)]
    [InlineData("", null)]
    public void RecoveryCodesKeepIdentitysShape(string input, string? expected) =>
        Assert.Equal(expected, AuthenticatorCodes.AsRecoveryCode(input));

    private static Task<HttpResponseMessage> EnrolAsync(HttpClient client, string code) =>
        FormClient.PostAsync(client, EnrolPath, "two-factor-enrol", new Dictionary<string, string> { ["EnrolInput.Code"] = code });

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string code) =>
        FormClient.PostAsync(client, TwoFactorSignIn.Path, "two-factor-login", new Dictionary<string, string> { ["Input.Code"] = code });

    private async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolledAsync(string userName)
    {
        using var client = await LoggedInClientAsync(userName);
        var key = FormClient.KeyOnPage(await client.GetStringAsync(EnrolPath));
        var codes = FormClient.RecoveryCodesOnPage(await (await EnrolAsync(client, FormClient.CurrentCode(key))).Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    private async Task<HttpClient> LoggedInClientAsync(string userName)
    {
        var client = LoginClient.Create(app.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(client, userName, Password)).StatusCode);
        return client;
    }

    private async Task<string> CreateUserAsync()
    {
        var userName = "totp" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Operator)).Succeeded);
        return userName;
    }

    private async Task<IdentityUser> FindAsync(string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName))!;
    }

    private async Task<bool> LockedOutAsync(string userName)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.IsLockedOutAsync((await users.FindByNameAsync(userName))!);
    }

    private static ClaimsPrincipal Principal(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));

    private async Task<List<string>> AuditResultsAsync(string userName, string action)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.Where(entry => entry.UserName == userName && entry.Action == action)
            .OrderBy(entry => entry.Id).Select(entry => entry.Result).ToListAsync();
    }
}
