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
        var context = await DebianChromium.NewContextAsync(fixture.Browser, fixture.Stack.WebUrl, locale);
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

    /// <summary>This host's /dev/kvm cannot run Linux guests: new guests must be made for TCG, so the host's emulation switch is turned on.</summary>
    public static async Task EnsureHostEmulationAsync(IPage page, string hostId)
    {
        var emulation = page.Locator($"[data-testid='host-emulation-{hostId}'] input, input[data-testid='host-emulation-{hostId}']").First;
        await Assertions.Expect(emulation).ToBeEnabledAsync(new() { Timeout = 30_000 });
        if (!await emulation.IsCheckedAsync())
        {
            await emulation.CheckAsync(new() { Force = true });
            await Assertions.Expect(emulation).ToBeCheckedAsync(new() { Timeout = 30_000 });
        }
    }

    /// <summary>
    /// Clicks a button until what it opens shows: a click that lands just as a push re-renders the
    /// button's row reaches the element being replaced and is lost (a person would click again).
    /// </summary>
    public static async Task ClickUntilShownAsync(IPage page, string button, string shown)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId(button).ClickAsync();
            try
            {
                await Assertions.Expect(page.GetByTestId(shown)).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The input element of a MudBlazor field, whichever element carries the test id.</summary>
    public static ILocator Field(IPage page, string testId, string tag) =>
        page.Locator($"[data-testid='{testId}'] {tag}, {tag}[data-testid='{testId}']").First;

    /// <summary>Opens a MudSelect by its test id and picks the item containing <paramref name="text"/>.</summary>
    public static async Task ChooseAsync(IPage page, string testId, string text)
    {
        await page.GetByTestId(testId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = text }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
    }
}
