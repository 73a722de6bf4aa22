using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>A user's own sessions and password, as the account page uses them.</summary>
public sealed class AccountServiceTests(SessionAppFixture app) : IClassFixture<SessionAppFixture>
{
    private const string Password = "account-password-1";

    [Fact]
    public async Task The_user_sees_their_own_sessions_with_this_one_marked_and_can_end_another()
    {
        await app.CreateUserAsync("own-sessions", Password, Roles.Viewer);
        await app.CreateUserAsync("someone-else", Password, Roles.Viewer);
        using var laptop = app.Client("10.4.0.1");
        using var phone = app.Client("10.4.0.2");
        using var stranger = app.Client("10.4.0.3");
        var laptopCookie = await SessionCookies.SignInAndCopyCookieAsync(laptop, "own-sessions", Password);
        var phoneCookie = await SessionCookies.SignInAndCopyCookieAsync(phone, "own-sessions", Password);
        await SessionCookies.SignInAndCopyCookieAsync(stranger, "someone-else", Password);

        var listed = await AsCookieAsync(laptopCookie, account => account.ListSessionsAsync());

        Assert.Equal(2, listed.Count);
        Assert.Equal(["10.4.0.1", "10.4.0.2"], listed.Select(session => session.SourceAddress).Order());
        Assert.True(Assert.Single(listed, session => session.IsCurrent).SourceAddress == "10.4.0.1");

        var phoneSession = listed.Single(session => !session.IsCurrent);
        var ended = await AsCookieAsync(laptopCookie, account => account.EndSessionAsync(phoneSession));

        Assert.True(ended.Ok, ended.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, phoneCookie));
        Assert.Single(await AsCookieAsync(laptopCookie, account => account.ListSessionsAsync()));
        var again = await AsCookieAsync(laptopCookie, account => account.EndSessionAsync(phoneSession));
        Assert.Equal(AccountService.ErrorNotFound, again.Error);
    }

    [Fact]
    public async Task A_user_cannot_end_someone_elses_session()
    {
        var victimId = await app.CreateUserAsync("victim-sessions", Password, Roles.Viewer);
        await app.CreateUserAsync("nosy-user", Password, Roles.Viewer);
        using var victim = app.Client("10.4.1.1");
        using var nosy = app.Client("10.4.1.2");
        var nosyCookie = await SessionCookies.SignInAndCopyCookieAsync(nosy, "nosy-user", Password);
        var victimCookie = await SessionCookies.SignInAndCopyCookieAsync(victim, "victim-sessions", Password);
        var victimKey = await KeyFromAsync(victimId, "10.4.1.1");

        var result = await AsCookieAsync(nosyCookie,
            account => account.EndSessionAsync(new OwnSession(victimKey, "", "", default, default, false)));

        Assert.Equal(AccountService.ErrorNotFound, result.Error);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, victimCookie)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_own_password_ends_every_session_and_bad_input_changes_nothing()
    {
        await app.CreateUserAsync("own-password", Password, Roles.Operator);
        using var client = app.Client("10.4.2.1");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "own-password", Password);

        var wrong = await AsCookieAsync(cookie, account => account.ChangePasswordAsync("not-it", "new-password-1", "new-password-1"));
        var mismatch = await AsCookieAsync(cookie, account => account.ChangePasswordAsync(Password, "new-password-1", "new-password-2"));
        var tooShort = await AsCookieAsync(cookie, account => account.ChangePasswordAsync(Password, "short", "short"));

        Assert.Equal(AccountService.ErrorWrongPassword, wrong.Error);
        Assert.Equal(AccountService.ErrorMismatch, mismatch.Error);
        Assert.False(tooShort.Ok);
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);

        var changed = await AsCookieAsync(cookie, account => account.ChangePasswordAsync(Password, "new-password-1", "new-password-1"));

        Assert.True(changed.Ok, changed.Error);
        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        using var fresh = app.Client("10.4.2.1");
        await SessionCookies.SignInAndCopyCookieAsync(fresh, "own-password", "new-password-1");
    }

    private async Task<string> KeyFromAsync(string userId, string address)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.UserSessions.Where(session => session.UserId == userId && session.SourceAddress == address && session.EndedAt == null)
            .Select(session => session.Id).SingleAsync();
    }

    // The principal inside the real auth cookie, as a circuit of that browser would have it.
    private async Task<TResult> AsCookieAsync<TResult>(string cookie, Func<AccountService, Task<TResult>> act)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie.Split('=', 2)[1]);
        Assert.NotNull(ticket);
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(ticket.Principal)));
        return await act(scope.ServiceProvider.GetRequiredService<AccountService>());
    }
}
