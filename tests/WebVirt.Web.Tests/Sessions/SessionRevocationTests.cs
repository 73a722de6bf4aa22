using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Sessions;
using WebVirt.Web.Services;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>A copied auth cookie stops working once its session is ended, whichever way it ends.</summary>
public sealed partial class SessionRevocationTests(SessionAppFixture app) : IClassFixture<SessionAppFixture>
{
    private const string Password = "session-password-1";

    [Fact]
    public async Task A_cookie_replayed_after_logout_is_refused()
    {
        var userId = await app.CreateUserAsync("rev-logout", Password, Roles.Viewer);
        using var client = app.Client("10.1.0.1");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-logout", Password);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);

        var logout = await LogoutAsync(client);

        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.LoggedOut, await EndReasonAsync(userId));
    }

    [Fact]
    public async Task A_cookie_replayed_after_an_administrator_sets_a_new_password_is_refused()
    {
        var userId = await app.CreateUserAsync("rev-password", Password, Roles.Operator);
        using var client = app.Client("10.1.0.2");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-password", Password);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);

        var result = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.SetPasswordAsync(userId, "brand-new-password"));

        Assert.True(result.Ok, result.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.PasswordChanged, await EndReasonAsync(userId));
    }

    [Fact]
    public async Task A_too_short_new_password_is_refused_and_the_session_goes_on()
    {
        var userId = await app.CreateUserAsync("rev-short", Password, Roles.Operator);
        using var client = app.Client("10.1.0.7");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-short", Password);

        var result = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.SetPasswordAsync(userId, "short"));

        Assert.False(result.Ok);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);
        Assert.Null(await EndReasonAsync(userId));
    }

    [Fact]
    public async Task A_cookie_replayed_after_a_role_change_is_refused()
    {
        var userId = await app.CreateUserAsync("rev-role", Password, Roles.Operator);
        using var client = app.Client("10.1.0.3");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-role", Password);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);

        var result = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.ChangeRoleAsync(userId, Roles.Viewer));

        Assert.True(result.Ok, result.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.RoleChanged, await EndReasonAsync(userId));
    }

    [Fact]
    public async Task A_cookie_replayed_after_the_user_is_disabled_is_refused_and_the_user_cannot_log_in_until_enabled()
    {
        var userId = await app.CreateUserAsync("rev-disable", Password, Roles.Viewer);
        using var client = app.Client("10.1.0.4");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-disable", Password);

        var disabled = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.SetDisabledAsync(userId, disabled: true));

        Assert.True(disabled.Ok, disabled.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.Disabled, await EndReasonAsync(userId));
        using var again = app.Client("10.1.0.4");
        var refused = await Infrastructure.LoginClient.PostLoginAsync(again, "rev-disable", Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("data-testid=\"login-error\"", await refused.Content.ReadAsStringAsync());

        var enabled = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.SetDisabledAsync(userId, disabled: false));
        Assert.True(enabled.Ok, enabled.Error);
        await SessionCookies.SignInAndCopyCookieAsync(again, "rev-disable", Password);
    }

    [Fact]
    public async Task Ending_a_session_also_tells_its_open_circuits_at_once()
    {
        var userId = await app.CreateUserAsync("rev-circuit", Password, Roles.Viewer);
        using var client = app.Client("10.1.0.5");
        await SessionCookies.SignInAndCopyCookieAsync(client, "rev-circuit", Password);
        var key = (await ActiveKeysAsync(userId)).Single();
        var circuits = app.Factory.Services.GetRequiredService<SessionCircuits>();
        var told = 0;
        using var registration = circuits.Register(key, () => Interlocked.Increment(ref told));

        await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.ChangeRoleAsync(userId, Roles.Operator));

        Assert.Equal(1, told);
        Assert.Equal(0, circuits.Count(key));
    }

    [Fact]
    public async Task Deleting_a_user_ends_their_sessions()
    {
        var userId = await app.CreateUserAsync("rev-delete", Password, Roles.Viewer);
        using var client = app.Client("10.1.0.6");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "rev-delete", Password);

        var result = await app.AsAdminAsync<UserAdminService, UserChangeResult>(admin => admin.DeleteAsync(userId));

        Assert.True(result.Ok, result.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
    }

    private async Task<HttpResponseMessage> LogoutAsync(HttpClient client)
    {
        // The login page renders an antiforgery token for whoever asks, signed-in users included.
        var html = await client.GetStringAsync("/login");
        var token = TokenInput().Match(html);
        Assert.True(token.Success, "no antiforgery token on the page");
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups["value"].Value),
            ["returnUrl"] = "/",
        }));
    }

    private async Task<string?> EndReasonAsync(string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var sessions = await db.UserSessions.AsNoTracking().Where(session => session.UserId == userId).ToListAsync();
        Assert.NotEmpty(sessions);
        return sessions.OrderByDescending(session => session.CreatedAt).First().EndReason;
    }

    private async Task<List<string>> ActiveKeysAsync(string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.UserSessions.Where(session => session.UserId == userId && session.EndedAt == null).Select(session => session.Id).ToListAsync();
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex TokenInput();
}
