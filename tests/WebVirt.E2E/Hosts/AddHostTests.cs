using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Hosts;

/// <summary>
/// An administrator adds a second host with the code its agent's enrol command printed, in a real browser: malformed,
/// wrong, expired and spent codes are refused with their reasons; the right one adds the host, whose guests then
/// show on the dashboard; an agent that comes back with another certificate is refused; removing the host drops its
/// guests from the console. Its own stack (libvirt's test driver for both hosts), since hosts are added and removed.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class AddHostTests
{
    private static readonly LocatorAssertionsToContainTextOptions Soon = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_host_is_added_with_its_enrolment_code_pinned_and_removed_again()
    {
        await using var stack = await WebVirtStack.StartAsync("test:///default", "addhost");
        await using var hostB = await EnrollableAgent.StartAsync("e2e-host-b");
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        using (playwright)
        {
            var context = await DebianChromium.NewContextAsync(browser, stack.WebUrl);
            var page = await context.NewPageAsync();
            await PageSteps.WithFailureScreenshotAsync(page, nameof(AddHostTests), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/hosts");

                await TryCodeAsync(page, hostB.Address, "not-a-code");
                await Expect(page.GetByTestId("add-host-error")).ToContainTextAsync("12 letters and digits", Soon);
                await PageSteps.ScreenshotAsync(page, "add-host-malformed");

                await TryCodeAsync(page, hostB.Address, "0000-0000-0000");
                await Expect(page.GetByTestId("add-host-error")).ToContainTextAsync("no enrolment code waiting", Soon);

                var (expired, _) = await hostB.IssueCodeAsync();
                hostB.ExpireCode();
                await TryCodeAsync(page, hostB.Address, expired);
                await Expect(page.GetByTestId("add-host-error")).ToContainTextAsync("expired", Soon);

                var (code, fingerprint) = await hostB.IssueCodeAsync();
                await TryCodeAsync(page, hostB.Address, "0000-0000-0000");
                await Expect(page.GetByTestId("add-host-error")).ToContainTextAsync("4 tries left", Soon);
                await PageSteps.ScreenshotAsync(page, "add-host-wrong-code");

                await TryCodeAsync(page, hostB.Address, code.ToLowerInvariant());
                await Expect(page.GetByTestId("add-host-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync(fingerprint, new() { Timeout = 30_000 });
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/hosts/e2e-host-b$"), new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("remove-host")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "add-host-added");

                // The test driver's own guest "test" of host b is on the dashboard next to host a's.
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("host-link-e2e-host-b")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Expect(page.Locator("[data-testid='guest-state-test']")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "add-host-dashboard");

                // The same code again: spent.
                await page.GotoAsync("/hosts");
                await TryCodeAsync(page, hostB.Address, code);
                await Expect(page.GetByTestId("add-host-error")).ToContainTextAsync("no enrolment code waiting", Soon);
                await page.GetByTestId("add-host-cancel").ClickAsync();

                // The host comes back with another certificate: refused, and said so.
                await hostB.ReplaceCertificateAsync();
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("host-error-e2e-host-b")).ToContainTextAsync("certificate other than the one pinned", new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "add-host-certificate-changed");

                await page.GotoAsync("/hosts/e2e-host-b");
                await page.GetByTestId("remove-host").ClickAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Remove", Exact = true }).ClickAsync();
                await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("was removed", Soon);
                await page.GotoAsync("/");
                await Expect(page.GetByTestId("host-link-e2e-host-b")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await Expect(page.Locator("[data-testid='guest-state-test']")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
            });
        }
    }

    private static async Task TryCodeAsync(IPage page, string address, string code)
    {
        if (await page.GetByTestId("add-host-dialog").CountAsync() == 0)
        {
            await page.GetByTestId("add-host").ClickAsync();
        }

        await PageSteps.Field(page, "add-host-address", "input").FillAsync(address);
        await PageSteps.Field(page, "add-host-code", "input").FillAsync(code);
        await page.GetByTestId("add-host-confirm").ClickAsync();
    }
}
