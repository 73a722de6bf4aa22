using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// Ending a session reaches open pages within seconds: an administrator disabling or re-roling a
/// user, or the user ending one of their sessions on the account page, sends that page to login.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class SessionsTests(E2EFixture fixture)
{
    private const string Password = "Session-pass-e2e-1";

    /// <summary>Generous for a loaded machine; the push itself takes well under a second.</summary>
    private static readonly PageAssertionsToHaveURLOptions WithinSeconds = new() { Timeout = 10_000 };

    [Fact]
    public async Task Disabling_a_user_sends_their_open_dashboard_to_the_login_page()
    {
        var userName = "sessdis" + TestRun.Id;
        var admin = await AdminOnUsersPageAsync(userName);
        var user = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(user, "sessions-disable", async () =>
        {
            await SignInToDashboardAsync(user, userName);

            await admin.GetByTestId($"user-disable-{userName}").ClickAsync();
            await admin.GetByTestId("confirm-ok").ClickAsync();
            var clock = Stopwatch.StartNew();

            await Expect(user).ToHaveURLAsync(LoginPage(), WithinSeconds);
            Console.WriteLine($"disabled user's page at the login form after {clock.ElapsedMilliseconds} ms");
            await Expect(admin.GetByTestId($"user-status-{userName}")).ToContainTextAsync("Disabled");
            await PageSteps.ScreenshotAsync(admin, "users-disabled");
        });
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_a_users_role_sends_their_open_dashboard_to_the_login_page()
    {
        var userName = "sessrole" + TestRun.Id;
        var admin = await AdminOnUsersPageAsync(userName);
        var user = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(user, "sessions-role", async () =>
        {
            await SignInToDashboardAsync(user, userName);

            await PageSteps.ChooseAsync(admin, $"user-role-{userName}", "Operator");

            await Expect(user).ToHaveURLAsync(LoginPage(), WithinSeconds);
            await PageSteps.LoginAsync(user, userName, Password);
            await Expect(user.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        });
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task A_user_sees_their_sessions_and_ending_one_signs_that_browser_out()
    {
        var userName = "sesslist" + TestRun.Id;
        var admin = await AdminOnUsersPageAsync(userName);
        await admin.Context.CloseAsync();
        var other = await PageSteps.NewPageAsync(fixture);
        var mine = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(mine, "sessions-page", async () =>
        {
            await SignInToDashboardAsync(other, userName);
            await SignInToDashboardAsync(mine, userName);

            await mine.GetByTestId("user-menu").ClickAsync();
            await mine.GetByTestId("account-link").ClickAsync();
            await Expect(mine.GetByTestId("session-row")).ToHaveCountAsync(2, new() { Timeout = 15_000 });
            await Expect(mine.GetByTestId("session-current")).ToHaveCountAsync(1);
            await PageSteps.ScreenshotAsync(mine, "account-sessions");

            await mine.GetByTestId("session-end").ClickAsync();

            await Expect(other).ToHaveURLAsync(LoginPage(), WithinSeconds);
            await Expect(mine.GetByTestId("session-row")).ToHaveCountAsync(1, new() { Timeout = 15_000 });
            await Expect(mine).ToHaveURLAsync(AccountPage());
        });
        await other.Context.CloseAsync();
    }

    private async Task<IPage> AdminOnUsersPageAsync(string newUserName)
    {
        var admin = await PageSteps.NewPageAsync(fixture);
        await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
        await Expect(admin.GetByTestId("user-menu")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await admin.GotoAsync("/users");
        await admin.GetByTestId("new-user-name").FillAsync(newUserName);
        await admin.GetByTestId("new-user-password").FillAsync(Password);
        await admin.GetByTestId("new-user-submit").ClickAsync();
        await Expect(admin.GetByTestId($"user-role-{newUserName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        return admin;
    }

    private async Task SignInToDashboardAsync(IPage page, string userName)
    {
        await PageSteps.LoginAsync(page, userName, Password);
        await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginPage();

    [GeneratedRegex("/account$")]
    private static partial Regex AccountPage();
}
