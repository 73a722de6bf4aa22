using Microsoft.Playwright;
using OtpNet;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>TOTP two-factor login as a person does it: enrol with an authenticator app, then log in with codes.</summary>
[Collection(E2ECollection.Name)]
public sealed class TwoFactorLoginTests(E2EFixture fixture)
{
    private const string UserPassword = "Totp-pass-e2e-1";

    [Fact]
    public async Task A_user_enrols_an_authenticator_then_needs_a_code_or_a_recovery_code_once()
    {
        var userName = "totp" + TestRun.Id;
        await CreateUserAsync(userName);

        string key = "";
        IReadOnlyList<string> recoveryCodes = [];
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, "two-factor-enrol", async () =>
        {
            await PageSteps.LoginAsync(page, userName, UserPassword);
            await page.GetByTestId("user-menu").ClickAsync();
            await page.GetByTestId("two-factor-link").ClickAsync();
            await Expect(page.GetByTestId("two-factor-qr").Locator("svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "two-factor-enrolment");
            key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

            await page.FillAsync("#enrol-code", WrongCode(key));
            await page.GetByTestId("two-factor-enable").ClickAsync();
            await Expect(page.GetByTestId("two-factor-error")).ToBeVisibleAsync();

            await page.FillAsync("#enrol-code", CurrentCode(key));
            await page.GetByTestId("two-factor-enable").ClickAsync();
            await Expect(page.GetByTestId("two-factor-recovery-codes")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(page, "two-factor-recovery-codes");
            recoveryCodes = (await page.GetByTestId("two-factor-recovery-codes").Locator("code").AllInnerTextsAsync()).ToList();
            Assert.Equal(10, recoveryCodes.Count);
            await page.GetByTestId("two-factor-logout").ClickAsync();
            await Expect(page.Locator("#username")).ToBeVisibleAsync();
        });

        var login = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(login, "two-factor-login", async () =>
        {
            await PageSteps.LoginAsync(login, userName, UserPassword);
            await Expect(login.Locator("#code")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(login, "two-factor-second-step");

            await SecondStepAsync(login, WrongCode(key));
            await Expect(login.GetByTestId("two-factor-error")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(login, "two-factor-wrong-code");

            await SecondStepAsync(login, CurrentCode(key));
            await Expect(login.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await LogoutAsync(login);

            await PageSteps.LoginAsync(login, userName, UserPassword);
            await SecondStepAsync(login, recoveryCodes[0]);
            await Expect(login.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await LogoutAsync(login);

            await PageSteps.LoginAsync(login, userName, UserPassword);
            await SecondStepAsync(login, recoveryCodes[0]);
            await Expect(login.GetByTestId("two-factor-error")).ToBeVisibleAsync();
            Assert.Equal(0, await login.GetByTestId("user-menu").CountAsync());
        });
    }

    [Fact]
    public async Task When_an_administrator_requires_it_a_user_without_it_must_enrol_first()
    {
        // A second administrator switches it on, so the suite's "admin" keeps logging in with a password only.
        var adminName = "totpadm" + TestRun.Id;
        var userName = "totpreq" + TestRun.Id;
        await CreateUserAsync(adminName, "Administrator");
        await CreateUserAsync(userName);
        try
        {
            var admin = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(admin, "two-factor-require", async () =>
            {
                await PageSteps.LoginAsync(admin, adminName, UserPassword);
                await SetRequiredAsync(admin, true);
                await PageSteps.ScreenshotAsync(admin, "two-factor-required-switch");
            });

            var user = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(user, "two-factor-required-enrol", async () =>
            {
                await PageSteps.LoginAsync(user, userName, UserPassword);
                await Expect(user.GetByTestId("two-factor-required")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(user, "two-factor-required");
                await Expect(user.GetByTestId("two-factor-continue")).ToHaveCountAsync(0);
                await user.GotoAsync("/users");
                await Expect(user.GetByTestId("two-factor-required")).ToBeVisibleAsync();

                await EnrolAsync(user);
                await user.GetByTestId("two-factor-continue").ClickAsync();
                await Expect(user.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            });
        }
        finally
        {
            // The administrator is held to the rule too: enrol first, then switch it off again.
            var admin = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(admin, "two-factor-unrequire", async () =>
            {
                await PageSteps.LoginAsync(admin, adminName, UserPassword);
                await Expect(admin.GetByTestId("user-menu").Or(admin.GetByTestId("two-factor-required"))).ToBeVisibleAsync(new() { Timeout = 30_000 });
                if (await admin.GetByTestId("two-factor-required").CountAsync() > 0)
                {
                    await EnrolAsync(admin);
                }

                await SetRequiredAsync(admin, false);
            });
        }
    }

    private static async Task EnrolAsync(IPage page)
    {
        var key = (await page.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        await page.FillAsync("#enrol-code", CurrentCode(key));
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByTestId("two-factor-recovery-codes")).ToBeVisibleAsync();
    }

    private static async Task SetRequiredAsync(IPage admin, bool required)
    {
        await admin.GotoAsync("/users");
        var toggle = PageSteps.Field(admin, "require-two-factor", "input");
        await Expect(toggle).ToBeEnabledAsync(new() { Timeout = 30_000 });
        if (await toggle.IsCheckedAsync() != required)
        {
            await toggle.ClickAsync(new() { Force = true });
        }

        if (required)
        {
            await Expect(toggle).ToBeCheckedAsync();
        }
        else
        {
            await Expect(toggle).Not.ToBeCheckedAsync();
        }
    }

    private async Task CreateUserAsync(string userName, string? role = null)
    {
        var admin = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(admin, "two-factor-create-user", async () =>
        {
            await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
            await Expect(admin.GetByTestId("user-menu")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await admin.GotoAsync("/users");
            await admin.GetByTestId("new-user-name").FillAsync(userName);
            await admin.GetByTestId("new-user-password").FillAsync(UserPassword);
            if (role is not null)
            {
                await PageSteps.ChooseAsync(admin, "new-user-role", role);
            }

            await admin.GetByTestId("new-user-submit").ClickAsync();
            await Expect(admin.GetByTestId($"user-role-{userName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        });
    }

    private static async Task SecondStepAsync(IPage page, string code)
    {
        await page.FillAsync("#code", code);
        await page.GetByTestId("two-factor-submit").ClickAsync();
    }

    private static async Task LogoutAsync(IPage page)
    {
        await page.GetByTestId("user-menu").ClickAsync();
        await page.GetByTestId("logout").ClickAsync();
        await Expect(page.Locator("#username")).ToBeVisibleAsync(new() { Timeout = 15_000 });
    }

    private static string CurrentCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    // Identity accepts codes two steps either side of now; this one is from none of them.
    private static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var accepted = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(code => !accepted.Contains(code));
    }
}
