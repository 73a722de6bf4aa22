using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The console's Content-Security-Policy (scripts only from the console itself, no eval, no inline
/// script) in a real Chromium, over HTTPS as installed (wss:// for circuits and consoles): every
/// main page, the guest page and the VNC and serial consoles work, and the browser reports not
/// one violation.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ContentSecurityPolicyTests(E2EFixture fixture)
{
    // Chromium logs its own "Refused to ... Content Security Policy" lines; the listener installed
    // before any page script also reports each securitypolicyviolation event as a console line.
    private const string ReportViolations = """
        document.addEventListener('securitypolicyviolation', e =>
            console.error('Content Security Policy violation: ' + e.violatedDirective + ' blocked ' + e.blockedURI + ' at ' + e.sourceFile + ':' + e.lineNumber));
        """;

    private string Guest => fixture.GuestName;

    [Fact]
    public async Task The_main_pages_the_guest_page_and_both_consoles_work_without_a_single_csp_violation()
    {
        var certificates = Path.Combine(TestArtifacts.Directory, "certs", "csp-" + Guid.NewGuid().ToString("N")[..8]);
        var (web, url) = await fixture.Stack.StartHttpsWebAsync(certificates);
        await using var _ = web;
        // The console's own self-signed certificate, as a person accepts it after the warning.
        var context = await DebianChromium.NewContextAsync(fixture.Browser, url, acceptSelfSigned: true);
        var page = await context.NewPageAsync();
        var messages = new List<string>();
        page.Console += (_, message) =>
        {
            lock (messages)
            {
                messages.Add($"[{message.Type}] {message.Text}");
            }
        };
        await page.Context.AddInitScriptAsync(ReportViolations);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(The_main_pages_the_guest_page_and_both_consoles_work_without_a_single_csp_violation), async () =>
            {
                fixture.StartGuest();
                await SerialLog.WaitForAsync(fixture.SerialLogPath, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));

                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                Assert.StartsWith("https://", page.Url, StringComparison.Ordinal);
                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
                await PageSteps.ScreenshotAsync(page, "csp-dashboard");

                foreach (var path in new[] { "/hosts", "/storage", "/networks", "/users", "/audit", "/guests/new" })
                {
                    await page.GotoAsync(path);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                    await Expect(page.Locator(".mud-main-content")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                }

                await page.GotoAsync("/");
                await page.GetByTestId($"guest-link-{Guest}").ClickAsync();
                await Expect(page.GetByTestId("guest-page")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("guest-tab-usage").ClickAsync();
                await Expect(page.GetByTestId("usage-chart-cpu").Locator("svg path.mud-chart-line")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "csp-guest-page");

                await page.GotoAsync("/");
                await page.GetByTestId($"action-console-{Guest}").ClickAsync();
                await Expect(page.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("console-screen").Locator("canvas")).ToBeVisibleAsync();
                await page.GetByRole(AriaRole.Tab, new() { Name = "Serial console" }).ClickAsync();
                await Expect(page.GetByTestId("serial-state")).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = 30_000 });
                await page.GetByTestId("serial-terminal").ClickAsync();
                await page.Keyboard.TypeAsync("echo CSP$((6*7))");
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.GetByTestId("serial-terminal").Locator(".xterm-rows")).ToContainTextAsync("CSP42", new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "csp-console-serial");

                List<string> violations;
                lock (messages)
                {
                    violations = [.. messages.Where(m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Contains("Content-Security-Policy", StringComparison.OrdinalIgnoreCase))];
                }

                Assert.True(violations.Count == 0, "CSP violations:\n" + string.Join('\n', violations));
            });
        }
        finally
        {
            fixture.DestroyGuest();
        }
    }
}
