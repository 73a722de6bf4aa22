using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.E2E.Infrastructure;

/// <summary>What a person does on the console's pages, by the selectors the pages promise.</summary>
public static class PageSteps
{
    public static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 30_000 };

    public static async Task<IPage> NewPageAsync(E2EFixture fixture, string locale = "en-US")
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Stack.WebUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });
        return await context.NewPageAsync();
    }

    public static Task LoginAsync(IPage page, string user, string password) => DebianChromium.LoginAsync(page, user, password);

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", name + ".png") });
    }

    /// <summary>Runs a test's steps and leaves a screenshot of the page as it was when a step failed.</summary>
    public static async Task WithFailureScreenshotAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await ScreenshotAsync(page, "FAILED-" + name);
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>Marks the loaded document so a test can prove later that the page was never reloaded.</summary>
    public static Task MarkDocumentAsync(IPage page) => page.EvaluateAsync("() => { window.__wvtNoReload = 42; }");

    public static Task<bool> DocumentStillMarkedAsync(IPage page) => page.EvaluateAsync<bool>("() => window.__wvtNoReload === 42");
}
