using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Faults;

/// <summary>
/// The PostgreSQL server stopped and started again while a real browser has the dashboard and a
/// guest page open. The server is the test's own (initdb in a temporary folder, own port): the
/// shared one on 5432 is never stopped. During the outage every page shows the banner, stored notes
/// are never shown as empty (not loaded, saving disabled), a login says the service is temporarily
/// unavailable and a new tab gets a friendly page, not HTTP 500; afterwards the open pages recover
/// without a reload and what was typed during the outage is saved and kept.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class DatabaseOutageTests
{
    private static readonly string GuestName = TestRun.GuestName("dbfault");

    [Fact]
    public async Task Open_pages_show_the_outage_hide_nothing_stored_and_recover_without_a_reload()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var guest = await FaultGuest.DefineAsync(GuestName);
        await using var stack = await WebVirtStack.StartAsync(FaultGuest.Uri, "dbfault", databaseServer: postgres.Server);
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        using (playwright)
        {
            var context = await NewContextAsync(browser, stack);
            var dashboard = await context.NewPageAsync();
            await PageSteps.WithFailureScreenshotAsync(dashboard, nameof(DatabaseOutageTests), async () =>
            {
                await PageSteps.LoginAsync(dashboard, "admin", WebVirtStack.AdminPassword);
                await PageSteps.Field(dashboard, "guest-filter", "input").FillAsync(GuestName);
                await Expect(dashboard.GetByTestId($"guest-state-{GuestName}")).ToHaveTextAsync("Shut off", PageSteps.Soon);

                var guestPage = await context.NewPageAsync();
                await guestPage.GotoAsync($"/guests/{stack.HostId}/{guest.Uuid}");
                var description = PageSteps.Field(guestPage, "guest-notes-description", "textarea");
                await description.FillAsync("stored before the outage");
                await guestPage.GetByTestId("guest-notes-save").ClickAsync();
                await Expect(guestPage.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", new() { Timeout = 30_000 });

                await PageSteps.MarkDocumentAsync(dashboard);
                await PageSteps.MarkDocumentAsync(guestPage);
                await postgres.StopServerAsync();

                await Expect(dashboard.GetByTestId("database-banner")).ToContainTextAsync("The database is not reachable", new() { Timeout = 30_000 });
                await Expect(guestPage.GetByTestId("database-banner")).ToContainTextAsync("Changes cannot be saved", new() { Timeout = 30_000 });
                // What the page already showed stays; saving waits for the database, and what is typed stays.
                await Expect(description).ToHaveValueAsync("stored before the outage");
                await description.FillAsync("typed during the outage");
                await Expect(guestPage.GetByTestId("guest-notes-save")).ToBeDisabledAsync();
                await PageSteps.ScreenshotAsync(guestPage, "database-outage-guest-page");

                // Opened during the outage (in the open circuit): the notes are not known, so no editor is offered.
                await dashboard.GetByTestId($"guest-link-{GuestName}").ClickAsync();
                await Expect(dashboard.GetByTestId("guest-notes-unknown")).ToContainTextAsync("could not be loaded", new() { Timeout = 30_000 });
                await Expect(dashboard.GetByTestId("guest-notes-description")).ToHaveCountAsync(0);
                await Expect(dashboard.GetByTestId("guest-notes-save")).ToHaveCountAsync(0);
                await PageSteps.ScreenshotAsync(dashboard, "database-outage-notes-unknown");

                // A new tab of the signed-in user and a new login: a friendly answer, never HTTP 500.
                var newTab = await context.NewPageAsync();
                var response = await newTab.GotoAsync("/");
                Assert.NotEqual(500, response!.Status);
                await Expect(newTab.Locator("[data-testid=outage-page], [data-testid=database-banner]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await newTab.CloseAsync();
                var loginContext = await NewContextAsync(browser, stack);
                var login = await loginContext.NewPageAsync();
                await PageSteps.LoginAsync(login, "admin", WebVirtStack.AdminPassword);
                await Expect(login.GetByTestId("login-error")).ToContainTextAsync("temporarily unavailable", new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(login, "database-outage-login");
                Assert.DoesNotContain("exception", await login.ContentAsync(), StringComparison.OrdinalIgnoreCase);

                await postgres.StartServerAsync();

                await Expect(dashboard.GetByTestId("database-banner")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await Expect(guestPage.GetByTestId("database-banner")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                // The page opened during the outage now shows the stored notes by itself.
                await Expect(PageSteps.Field(dashboard, "guest-notes-description", "textarea")).ToHaveValueAsync("stored before the outage", new() { Timeout = 30_000 });
                // The form kept what was typed and offers to save it.
                await Expect(guestPage.GetByTestId("guest-notes-save-when-back")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Expect(description).ToHaveValueAsync("typed during the outage");
                await guestPage.GetByTestId("guest-notes-save").ClickAsync();
                await Expect(guestPage.GetByTestId("guest-notes-error")).ToHaveCountAsync(0);
                await Expect(guestPage.GetByTestId("guest-notes-save")).ToBeDisabledAsync(new() { Timeout = 30_000 });
                Assert.True(await PageSteps.DocumentStillMarkedAsync(dashboard), "the dashboard tab was reloaded");
                Assert.True(await PageSteps.DocumentStillMarkedAsync(guestPage), "the guest page was reloaded");

                // Logins work again, and nothing is lost: a fresh page reads what was saved.
                await PageSteps.LoginAsync(login, "admin", WebVirtStack.AdminPassword);
                await Expect(login.GetByTestId("guest-filter")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await login.GotoAsync($"/guests/{stack.HostId}/{guest.Uuid}");
                await Expect(PageSteps.Field(login, "guest-notes-description", "textarea")).ToHaveValueAsync("typed during the outage", new() { Timeout = 30_000 });
                await loginContext.CloseAsync();
            });
        }

        await browser.CloseAsync();
    }

    private static Task<IBrowserContext> NewContextAsync(IBrowser browser, WebVirtStack stack) =>
        DebianChromium.NewContextAsync(browser, stack.WebUrl);
}
