using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>
/// Growing delays per address and per account, which never lock the owner out, and the audit
/// rows failed and throttled logins leave.
/// </summary>
public sealed class LoginThrottlingTests(SessionAppFixture app) : IClassFixture<SessionAppFixture>
{
    private const string Password = "throttle-password-1";

    [Fact]
    public async Task An_attacker_is_throttled_while_the_owner_logs_in_from_another_address()
    {
        await app.CreateUserAsync("victim", Password, Roles.Administrator);
        using var attacker = app.Client("203.0.113.66");
        for (var attempt = 0; attempt < LoginThrottle.PairFreeFailures; attempt++)
        {
            Assert.DoesNotContain("Too many", await FailedTextAsync(attacker, "victim", "guess-" + attempt));
        }

        // Even the right password is not checked while the address waits.
        var throttled = await FailedTextAsync(attacker, "victim", Password);
        Assert.Contains("Too many failed attempts. Try again in 1 s.", throttled);

        using var owner = app.Client("198.51.100.7");
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(owner, "victim", Password)).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("not correct", await FailedTextAsync(attacker, "victim", "guess-again"));
        Assert.Contains("Try again in 2 s.", await FailedTextAsync(attacker, "victim", "guess-again"));
    }

    [Fact]
    public async Task The_delay_doubles_with_each_further_failure_up_to_the_cap()
    {
        await app.CreateUserAsync("doubling", Password, Roles.Viewer);
        var throttle = app.Factory.Services.GetRequiredService<LoginThrottle>();
        var delays = new List<TimeSpan>();
        for (var attempt = 0; attempt < 14; attempt++)
        {
            delays.Add(throttle.RecordFailure("DOUBLING", "192.0.2.44"));
        }

        Assert.Equal(TimeSpan.Zero, delays[1]);
        Assert.Equal(TimeSpan.FromSeconds(1), delays[2]);
        Assert.Equal(TimeSpan.FromSeconds(2), delays[3]);
        Assert.Equal(TimeSpan.FromSeconds(4), delays[4]);
        Assert.Equal(LoginThrottle.MaxDelay, delays[^1]);
    }

    [Fact]
    public async Task One_address_guessing_many_accounts_is_throttled_on_a_fresh_account_too()
    {
        await app.CreateUserAsync("spray-target", Password, Roles.Viewer);
        using var sprayer = app.Client("203.0.113.77");
        for (var attempt = 0; attempt < LoginThrottle.AddressFreeFailures; attempt++)
        {
            await FailedTextAsync(sprayer, "spray-" + attempt, "whatever-password");
        }

        Assert.Contains("Too many failed attempts", await FailedTextAsync(sprayer, "spray-target", Password));
        using var elsewhere = app.Client("203.0.113.78");
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(elsewhere, "spray-target", Password)).StatusCode);
    }

    [Fact]
    public async Task Many_addresses_guessing_one_account_get_one_try_each_but_the_owner_is_not_slowed()
    {
        await app.CreateUserAsync("shared-target", Password, Roles.Viewer);
        using var ownerFirst = app.Client("198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(ownerFirst, "shared-target", Password)).StatusCode);
        for (var bot = 0; bot < LoginThrottle.AccountFreeFailures; bot++)
        {
            using var client = app.Client($"203.0.113.{100 + bot}");
            await FailedTextAsync(client, "shared-target", "bot-guess");
        }

        using var repeatBot = app.Client("203.0.113.100");
        Assert.Contains("Too many failed attempts", await FailedTextAsync(repeatBot, "shared-target", "bot-guess-2"));

        // The owner's address has failed once (a typo) but is known for this account.
        using var owner = app.Client("198.51.100.20");
        Assert.Contains("not correct", await FailedTextAsync(owner, "shared-target", "typo"));
        Assert.Equal(HttpStatusCode.Redirect, (await LoginClient.PostLoginAsync(owner, "shared-target", Password)).StatusCode);
    }

    [Fact]
    public async Task Failed_and_throttled_logins_are_audited_with_the_address_and_a_bounded_clean_name()
    {
        var hostileName = "evil\r\nFAKE ENTRY\t\u202e" + new string('x', 300);
        using var client = app.Client("203.0.113.99");
        for (var attempt = 0; attempt <= LoginThrottle.PairFreeFailures; attempt++)
        {
            await FailedTextAsync(client, hostileName, "nope-nope");
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var rows = await db.AuditEntries.AsNoTracking().Where(entry => entry.Detail!.StartsWith("from=203.0.113.99")).ToListAsync();
        Assert.Equal(LoginThrottle.PairFreeFailures, rows.Count(row => row.Action == LoginService.ActionFailed));
        Assert.Single(rows, row => row.Action == LoginService.ActionThrottled);
        Assert.Contains(rows, row => row.Detail!.Contains("throttled=1s", StringComparison.Ordinal));
        Assert.All(rows, row =>
        {
            Assert.Equal(AuditEntry.ResultError, row.Result);
            Assert.True(row.UserName.Length <= AuditText.UserNameMaxLength, row.UserName);
            Assert.DoesNotContain(row.UserName, c => char.IsControl(c) || c == '\u202e');
            Assert.StartsWith($"evil{AuditText.Replacement}FAKE ENTRY{AuditText.Replacement}{AuditText.Replacement}", row.UserName, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task An_empty_or_oversized_login_is_refused_with_the_usual_message()
    {
        using var client = app.Client("203.0.113.55");

        Assert.Contains("not correct", await FailedTextAsync(client, "someone", new string('p', 5000)));
        Assert.Contains("not correct", await FailedTextAsync(client, new string('u', 400), "password-1"));
    }

    private static async Task<string> FailedTextAsync(HttpClient client, string userName, string password)
    {
        var response = await LoginClient.PostLoginAsync(client, userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"login-error\"", html);
        Assert.Contains("id=\"username\"", html);
        return WebUtility.HtmlDecode(html);
    }
}
