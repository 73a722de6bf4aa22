using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

public sealed class AuthenticationTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task MigrationsAreAppliedIntoTheWebHistoryTable()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        var historyRows = await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM \"__ef_migrations_web\"").SingleAsync();
        Assert.True(historyRows > 0);
    }

    [Fact]
    public async Task RolesAndTheAdminWithTheConfiguredPasswordAreSeeded()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();

        foreach (var role in Roles.All)
        {
            Assert.True(await roles.RoleExistsAsync(role), role);
        }

        var admin = await users.FindByNameAsync(IdentitySeed.AdminUserName);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
        Assert.True(await users.CheckPasswordAsync(admin, WebAppFixture.AdminPassword));
    }

    [Fact]
    public async Task UnauthenticatedRequestToTheDashboardRedirectsToLogin()
    {
        using var client = LoginClient.Create(app.Factory);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoginPageRendersTheFormForAnonymousUsers()
    {
        using var client = LoginClient.Create(app.Factory);

        var html = await client.GetStringAsync("/login");

        Assert.Contains("id=\"username\"", html);
        Assert.Contains("id=\"password\"", html);
        Assert.Contains("data-testid=\"login-submit\"", html);
        Assert.DoesNotContain("data-testid=\"login-error\"", html);
    }

    [Fact]
    public async Task BadLoginStaysOnTheLoginPageWithAnError()
    {
        using var client = LoginClient.Create(app.Factory);

        var response = await LoginClient.PostLoginAsync(client, IdentitySeed.AdminUserName, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"login-error\"", html);
        Assert.Contains("id=\"username\"", html);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownUserGetsTheSameErrorAsAWrongPassword()
    {
        using var client = LoginClient.Create(app.Factory);

        var wrongPassword = await (await LoginClient.PostLoginAsync(client, IdentitySeed.AdminUserName, "nope-nope")).Content.ReadAsStringAsync();
        var unknownUser = await (await LoginClient.PostLoginAsync(client, "nobody-here", "nope-nope")).Content.ReadAsStringAsync();

        Assert.Equal(ErrorText(wrongPassword), ErrorText(unknownUser));
    }

    [Fact]
    public async Task GoodLoginSetsTheAuthCookieAndOpensTheDashboard()
    {
        using var client = LoginClient.Create(app.Factory);

        var response = await LoginClient.PostLoginAsync(client, IdentitySeed.AdminUserName, WebAppFixture.AdminPassword);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), cookie => cookie.StartsWith("WebVirt.Auth=", StringComparison.Ordinal));

        var dashboard = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var html = await dashboard.Content.ReadAsStringAsync();
        Assert.Contains("_framework/blazor.web.js", html);
        Assert.DoesNotContain("id=\"password\"", html);
    }

    // The growing delays themselves are tested on a controlled clock in LoginThrottlingTests.
    [Fact]
    public async Task RepeatedFailuresNeverLockTheAccount()
    {
        const string userName = "lockme";
        const string password = "right-password";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(userName);
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Viewer)).Succeeded);
        }

        using var client = LoginClient.Create(app.Factory);
        for (var attempt = 0; attempt < 6; attempt++)
        {
            var response = await LoginClient.PostLoginAsync(client, userName, "wrong-password");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("data-testid=\"login-error\"", await response.Content.ReadAsStringAsync());
        }

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            Assert.False(await users.IsLockedOutAsync(user));
            Assert.Equal(0, await users.GetAccessFailedCountAsync(user));
        }
    }

    [Fact]
    public async Task AdminPagesAreRefusedToAViewer()
    {
        const string userName = "viewer-pages";
        const string password = "viewer-password";
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(userName);
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Viewer)).Succeeded);
        }

        using var client = LoginClient.Create(app.Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(client, userName, password)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/users")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync("/audit")).StatusCode);
    }

    private static string ErrorText(string html)
    {
        var start = html.IndexOf("data-testid=\"login-error\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "no login error shown");
        var end = html.IndexOf("</form>", start, StringComparison.Ordinal);
        return System.Text.RegularExpressions.Regex.Replace(html[start..end], "<[^>]+>", "");
    }
}
