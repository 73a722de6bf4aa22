using Microsoft.Playwright;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

// The installed console in Debian's Chromium, as its user would use it (deploy/tests/package-test.sh):
//   seed   URL PASSWORD GUEST SCREENSHOTS   admin logs in, adds a user and saves notes on GUEST
//   verify URL PASSWORD GUEST SCREENSHOTS   admin logs in and finds that user and those notes
// It exits 0 when every step passed, 1 with the failing step's message otherwise.
if (args.Length != 5 || args[0] is not ("seed" or "verify"))
{
    await Console.Error.WriteLineAsync("usage: WebVirt.PackageCheck seed|verify URL ADMIN-PASSWORD GUEST SCREENSHOT-DIR");
    return 2;
}

var (mode, url, password, guest, screenshots) = (args[0], args[1], args[2], args[3], args[4]);
const string UserName = "pkgcheck";
const string Notes = "Kept across package upgrades.";
var soon = new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 };
Directory.CreateDirectory(screenshots);

var (playwright, browser) = await DebianChromium.LaunchAsync();
try
{
    // The console's own self-signed certificate: the test has no authority that vouches for it.
    var context = await DebianChromium.NewContextAsync(browser, url, acceptSelfSigned: true);
    var page = await context.NewPageAsync();
    page.SetDefaultTimeout(60_000);
    try
    {
        await DebianChromium.LoginAsync(page, "admin", password);
        await Expect(page.GetByTestId("user-menu")).ToContainTextAsync("admin", new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"package-{mode}-dashboard.png") });

        await page.GotoAsync("/users");
        if (mode == "seed")
        {
            await page.GetByTestId("new-user-name").FillAsync(UserName);
            await page.GetByTestId("new-user-password").FillAsync("Pkg-" + Guid.NewGuid().ToString("N"));
            await page.GetByTestId("new-user-submit").ClickAsync();
        }
        await Expect(page.GetByTestId($"user-role-{UserName}")).ToBeVisibleAsync(soon);

        await page.GotoAsync("/");
        await page.GetByTestId($"guest-link-{guest}").ClickAsync();
        await Expect(page.GetByTestId("guest-overview")).ToBeVisibleAsync(soon);
        var description = page.Locator("[data-testid='guest-notes-description'] textarea, textarea[data-testid='guest-notes-description']").First;
        if (mode == "seed")
        {
            await description.FillAsync(Notes);
            await page.GetByTestId("guest-notes-save").ClickAsync();
            await Expect(page.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", new() { Timeout = 60_000 });
        }
        await Expect(description).ToHaveValueAsync(Notes, new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"package-{mode}-guest.png") });
        Console.WriteLine($"{mode}: admin logged in at {url}, user {UserName} and the notes of {guest} are there");
        return 0;
    }
    catch (Exception e) when (e is PlaywrightException or TimeoutException)
    {
        await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, $"package-{mode}-failure.png") });
        await Console.Error.WriteLineAsync($"{mode} failed: {e.Message}");
        return 1;
    }
}
finally
{
    await browser.CloseAsync();
    playwright.Dispose();
}
