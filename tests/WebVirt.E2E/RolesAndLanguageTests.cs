using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

[Collection(E2ECollection.Name)]
public sealed class RolesAndLanguageTests(E2EFixture fixture)
{
    private const string ViewerPassword = "Viewer-pass-e2e-1";

    [Fact]
    public async Task A_viewer_created_by_the_admin_sees_guests_but_no_action_buttons()
    {
        var viewerName = "viewer" + TestRun.Id;
        var admin = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(admin, "create-viewer", async () =>
        {
            await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
            await Expect(admin.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await admin.GotoAsync("/users");
            await admin.GetByTestId("new-user-name").FillAsync(viewerName);
            await admin.GetByTestId("new-user-password").FillAsync(ViewerPassword);
            await admin.GetByTestId("new-user-submit").ClickAsync();
            await Expect(admin.GetByTestId($"user-role-{viewerName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await PageSteps.ScreenshotAsync(admin, "users");
        });

        var viewer = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(viewer, "viewer-dashboard", async () =>
        {
            await PageSteps.LoginAsync(viewer, viewerName, ViewerPassword);
            await Expect(viewer.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(viewer.GetByTestId($"guest-state-{fixture.GuestName}")).Not.ToBeEmptyAsync();
            Assert.Equal(0, await viewer.Locator("[data-testid^='action-']").CountAsync());
            Assert.Equal(0, await viewer.Locator($"[data-testid='host-emulation-{fixture.Stack.HostId}']").CountAsync());
            await PageSteps.ScreenshotAsync(viewer, "dashboard-viewer");

            await viewer.GotoAsync("/users");
            await Expect(viewer.GetByTestId("new-user-submit")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task The_dashboard_speaks_simplified_chinese_after_the_switch()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, "dashboard-zh", async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("language-menu").ClickAsync();
            await page.GetByTestId("language-zh-Hans").ClickAsync();
            await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.Locator("body")).ToContainTextAsync("虚拟机", new() { Timeout = 15_000 });
            await PageSteps.ScreenshotAsync(page, "dashboard-zh-Hans");
        });
    }
}
