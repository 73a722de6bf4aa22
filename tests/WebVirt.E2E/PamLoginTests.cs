using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A host account logs in through the real web process's form with the host's PAM stack: a second
/// web process on the suite's database with host login switched on and its own test PAM service.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PamLoginTests(E2EFixture fixture)
{
    [Fact]
    public async Task A_host_account_logs_in_with_its_system_password_and_gets_the_role_of_its_group()
    {
        await using var host = await TestHostAccounts.CreateAsync();
        var webUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using var web = AppProcess.Start("WebVirt.Web", new Dictionary<string, string>
        {
            ["ConnectionStrings__WebVirt"] = fixture.Stack.Database.ConnectionString,
            ["WebVirt__LogDirectory"] = Path.Combine(TestArtifacts.Directory, "logs"),
            // No agent: port 9 (discard) on loopback, where nothing listens.
            ["WebVirt__Agents__0__HostId"] = "pam-test-host",
            ["WebVirt__Agents__0__Name"] = "pam-test-host",
            ["WebVirt__Agents__0__Url"] = "http://127.0.0.1:9",
            ["WebVirt__Agents__0__Token"] = "unused",
            ["WebVirt__Pam__Enabled"] = "true",
            ["WebVirt__Pam__Service"] = host.Service,
            [$"WebVirt__Pam__GroupRoles__{host.OperatorGroup}"] = "Operator",
            [$"WebVirt__Pam__GroupRoles__{host.AdminGroup}"] = "Administrator",
            ["ASPNETCORE_URLS"] = webUrl,
            // The browser speaks plain HTTP on loopback, as in WebVirtStack; TLS has its own tests.
            ["WebVirt__PlainHttp"] = "true",
        });
        await WaitForLoginPageAsync(web, webUrl);

        var context = await DebianChromium.NewContextAsync(fixture.Browser, webUrl);
        var page = await context.NewPageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, "pam-login", async () =>
        {
            await HostLoginAsync(page, host.Member, "wrong-" + host.Password);
            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("Login failed");
            await PageSteps.ScreenshotAsync(page, "pam-login-form");

            await HostLoginAsync(page, host.Outsider, host.Password);
            await Expect(page.GetByTestId("login-error")).ToContainTextAsync("none of the groups");
            await PageSteps.ScreenshotAsync(page, "pam-login-no-group");

            await HostLoginAsync(page, host.Member, host.Password);
            await Expect(page.GetByTestId("user-menu")).ToContainTextAsync("pam:" + host.Member, new() { Timeout = 30_000 });
            await page.GetByTestId("user-menu").ClickAsync();
            await Expect(page.Locator(".mud-popover-open")).ToContainTextAsync("Operator");
            // Two-factor login is for WebVirt accounts: a host account is not offered it.
            await Expect(page.GetByTestId("two-factor-link")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "pam-logged-in");

            // The login opened a server-side session, listed on My account; its password is the host's.
            await page.GotoAsync("/account");
            await Expect(page.GetByTestId("session-current")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("password-host-account")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("password-submit")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "pam-my-account");
        });
    }

    private static async Task HostLoginAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.SelectOptionAsync("#realm", "host");
        await page.GetByTestId("login-submit").ClickAsync();
    }

    private static async Task WaitForLoginPageAsync(AppProcess web, string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(web.HasExited, web.HasExited ? web.ReadLog() : "");
            try
            {
                using var response = await http.GetAsync(url + "/login");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        Assert.Fail("The web process did not answer in time:\n" + web.ReadLog());
    }
}
