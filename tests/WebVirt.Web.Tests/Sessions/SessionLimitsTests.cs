using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>Idle timeout (1 h here) and absolute lifetime (8 h here), on the test's own clock.</summary>
public sealed class SessionLimitsTests(SessionAppFixture app) : IClassFixture<SessionAppFixture>
{
    private const string Password = "limits-password-1";

    [Fact]
    public async Task A_session_left_alone_longer_than_the_idle_timeout_ends()
    {
        var userId = await app.CreateUserAsync("idle-user", Password, Roles.Viewer);
        using var client = app.Client("10.2.0.1");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "idle-user", Password);

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(61));

        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.Idle, (await SessionAsync(userId)).EndReason);
    }

    [Fact]
    public async Task A_session_in_use_ends_at_its_absolute_lifetime()
    {
        var userId = await app.CreateUserAsync("busy-user", Password, Roles.Viewer);
        using var client = app.Client("10.2.0.2");
        var cookie = await SessionCookies.SignInAndCopyCookieAsync(client, "busy-user", Password);

        // Used every 50 minutes, so never idle; still over after 8 hours.
        for (var elapsed = TimeSpan.FromMinutes(50); elapsed < TimeSpan.FromHours(8); elapsed += TimeSpan.FromMinutes(50))
        {
            app.Clock.Advance(TimeSpan.FromMinutes(50));
            Assert.Equal(HttpStatusCode.OK, (await SessionCookies.ReplayAsync(app.Factory, cookie)).StatusCode);
        }

        var seen = await SessionAsync(userId);
        Assert.True(seen.LastSeenAt > seen.CreatedAt.AddHours(7), "last seen was not kept up to date");
        // 8 h 1 min after sign-in: past the session's lifetime, not yet past the cookie's own expiry.
        app.Clock.Advance(TimeSpan.FromMinutes(31));

        SessionCookies.AssertRefused(await SessionCookies.ReplayAsync(app.Factory, cookie));
        Assert.Equal(SessionEndReasons.Expired, (await SessionAsync(userId)).EndReason);
    }

    [Fact]
    public async Task A_session_records_browser_address_and_a_hash_not_the_cookie_id()
    {
        var userId = await app.CreateUserAsync("record-user", Password, Roles.Viewer);
        using var client = app.Client("10.2.0.3");
        client.DefaultRequestHeaders.UserAgent.ParseAdd("WvtBrowser/1.0");
        await SessionCookies.SignInAndCopyCookieAsync(client, "record-user", Password);

        var session = await SessionAsync(userId);

        Assert.Equal("10.2.0.3", session.SourceAddress);
        Assert.Contains("WvtBrowser/1.0", session.UserAgent);
        Assert.Matches("^[0-9a-f]{64}$", session.Id);
        Assert.Null(session.EndedAt);
    }

    private async Task<UserSession> SessionAsync(string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.UserSessions.AsNoTracking().SingleAsync(session => session.UserId == userId);
    }
}
