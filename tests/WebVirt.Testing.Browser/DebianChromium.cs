using Microsoft.Playwright;

namespace WebVirt.Testing.Browser;

/// <summary>Debian's Chromium driven by Playwright; Playwright's own browser download is never used.</summary>
public static class DebianChromium
{
    public static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("WEBVIRT_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args = Arguments,
            Headless = true,
        });
        return (playwright, browser);
    }

    /// <summary>A browser window as the tests use it: 1440×900, in the locale's language.</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, string baseUrl, string locale = "en-US", bool acceptSelfSigned = false) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
            IgnoreHTTPSErrors = acceptSelfSigned,
        });

    /// <summary>Logs in on the console's login form, by the selectors the page promises.</summary>
    public static async Task LoginAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.GetByTestId("login-submit").ClickAsync();
    }
}
