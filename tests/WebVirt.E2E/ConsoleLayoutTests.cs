using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The console page's own header stays in view, and a Viewer is told why there is no console for them.</summary>
[Collection(E2ECollection.Name)]
public sealed class ConsoleLayoutTests(E2EFixture fixture)
{
    private const string ViewerPassword = "Viewer-pass-e2e-2";

    private string ConsolePath()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(fixture.GuestName);
        return $"/guests/{fixture.Stack.HostId}/{domain.Uuid}/console";
    }

    [Fact]
    public async Task The_console_toolbar_stays_below_the_app_bar_and_the_page_does_not_scroll()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_console_toolbar_stays_below_the_app_bar_and_the_page_does_not_scroll), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync(ConsolePath());
            await Expect(page.GetByTestId("console-screen")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // What a wheel over the screen or noVNC's focus would do: scroll the document as far as it goes.
            await page.Mouse.MoveAsync(600, 600);
            await page.Mouse.WheelAsync(0, 2000);
            await page.EvaluateAsync("() => { window.scrollTo(0, document.body.scrollHeight); document.querySelector(\"[data-testid='console-screen']\").scrollIntoView({ block: 'end' }); }");
            await PageSteps.ScreenshotAsync(page, "console-layout");

            var bar = await page.Locator(".mud-appbar").BoundingBoxAsync() ?? throw new InvalidOperationException("no app bar");
            foreach (var testId in new[] { "console-back", "console-state", "console-ctrl-alt-del" })
            {
                var box = await page.GetByTestId(testId).BoundingBoxAsync() ?? throw new InvalidOperationException($"no {testId}");
                Assert.True(box.Y >= bar.Y + bar.Height, $"{testId} (y={box.Y}) is under the app bar (bottom {bar.Y + bar.Height})");
            }

            var screen = await page.GetByTestId("console-screen").BoundingBoxAsync() ?? throw new InvalidOperationException("no screen");
            var viewport = page.ViewportSize!;
            Assert.True(screen.Y + screen.Height <= viewport.Height + 1, $"the screen ends at {screen.Y + screen.Height}, below the window ({viewport.Height})");
            Assert.True(screen.Height >= 300, $"the screen is only {screen.Height} px high");
        });
    }

    [Fact]
    public async Task A_viewer_opening_a_console_url_is_told_the_role_may_not_and_gets_no_console_link()
    {
        var viewerName = "conviewer" + TestRun.Id;
        var admin = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(admin, "console-create-viewer", async () =>
        {
            await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
            await admin.GotoAsync("/users");
            await admin.GetByTestId("new-user-name").FillAsync(viewerName);
            await admin.GetByTestId("new-user-password").FillAsync(ViewerPassword);
            await admin.GetByTestId("new-user-submit").ClickAsync();
            await Expect(admin.GetByTestId($"user-role-{viewerName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        });

        var viewer = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(viewer, "console-viewer", async () =>
        {
            await PageSteps.LoginAsync(viewer, viewerName, ViewerPassword);
            string path = ConsolePath();
            await viewer.GotoAsync(path);

            // Not sent elsewhere without a word: the page stays and says why.
            await Expect(viewer.GetByTestId("console-forbidden")).ToContainTextAsync("Viewer", new() { Timeout = 30_000 });
            Assert.EndsWith(path, new Uri(viewer.Url).AbsolutePath, StringComparison.Ordinal);
            Assert.Equal(0, await viewer.GetByTestId("console-screen").CountAsync());
            await PageSteps.ScreenshotAsync(viewer, "console-viewer-forbidden");

            // The guest page offers no way into the console: no button, and the thumbnail is no link.
            await viewer.GotoAsync(path[..^"/console".Length]);
            await Expect(viewer.GetByTestId("guest-title")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            Assert.Equal(0, await viewer.GetByTestId("guest-console-link").CountAsync());
            Assert.Equal(0, await viewer.Locator("a[href$='/console']").CountAsync());
        });
    }
}
