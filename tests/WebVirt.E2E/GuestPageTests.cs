using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The guest page with the real agent: each tab opens, its cards are usable, a graph draws data; screenshots of each.</summary>
[Collection(E2ECollection.Name)]
public sealed class GuestPageTests(E2EFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Shortly = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions SoonContains = new() { Timeout = 30_000 };

    private string Guest => fixture.GuestName;

    [Fact]
    public async Task Every_tab_of_the_guest_page_shows_and_its_cards_work()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Every_tab_of_the_guest_page_shows_and_its_cards_work), async () =>
            {
                StartGuest();
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
                await page.GetByTestId($"guest-link-{Guest}").ClickAsync();

                await Expect(page.GetByTestId("guest-page")).ToBeVisibleAsync(Shortly);
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/guests/{fixture.Stack.HostId}/[0-9a-f-]{{36}}$"));
                await Expect(page.GetByTestId("guest-title")).ToHaveTextAsync(Guest);

                // Overview: the facts, then notes saved and shown back with who saved them.
                await Expect(page.GetByTestId("guest-overview")).ToBeVisibleAsync(Shortly);
                await Expect(page.GetByTestId("guest-fact-domain-type")).ToContainTextAsync("Emulation");
                await Field(page, "guest-notes-description", "textarea").FillAsync("E2E guest: boots a tiny kernel.");
                await Field(page, "guest-notes-tag-input", "input").FillAsync("e2e");
                await page.GetByTestId("guest-notes-tag-add").ClickAsync();
                await page.GetByTestId("guest-notes-save").ClickAsync();
                await Expect(page.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", SoonContains);
                await Expect(page.GetByTestId("guest-tag-e2e")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-overview");

                // Usage: the live graph draws the agent's pushes within a few sampling intervals.
                await page.GetByTestId("guest-tab-usage").ClickAsync();
                await Expect(page.GetByTestId("usage-chart-cpu").Locator("svg path")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await Expect(page.GetByTestId("usage-chart-net").Locator("svg path")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "guest-usage-live");
                await page.GetByTestId("usage-range-hour").ClickAsync();
                await Expect(page.GetByTestId("usage-range-hour")).ToHaveAttributeAsync("aria-pressed", "true");
                await Expect(page.GetByTestId("usage-chart-memory")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-usage-hour");

                await page.GetByTestId("guest-tab-hardware").ClickAsync();
                await PageSteps.ScreenshotAsync(page, "guest-hardware");
                await page.GetByTestId("guest-tab-snapshots").ClickAsync();
                await PageSteps.ScreenshotAsync(page, "guest-snapshots");

                // XML: both definitions; a change checked shows its diff, an invalid one libvirt's error, and saving it changes nothing.
                await page.GetByTestId("guest-tab-xml").ClickAsync();
                await Expect(page.GetByTestId("guest-xml-persistent")).ToContainTextAsync($"<name>{Guest}</name>", SoonContains);
                await Expect(page.GetByTestId("guest-xml-live")).ToContainTextAsync("<domain");
                var editor = Field(page, "guest-xml-editor", "textarea");
                var persistent = await editor.InputValueAsync();
                await editor.FillAsync(persistent.Replace("</domain>", "  <description>checked by e2e</description>\n</domain>", StringComparison.Ordinal));
                await page.GetByTestId("guest-xml-check").ClickAsync();
                await Expect(page.GetByTestId("guest-xml-diff").Locator(".diff-added", new() { HasText = "checked by e2e" })).ToBeVisibleAsync(Shortly);
                await PageSteps.ScreenshotAsync(page, "guest-xml-diff");
                await editor.FillAsync(persistent.Replace("</devices>", "<bogus-device/></devices>", StringComparison.Ordinal));
                await page.GetByTestId("guest-xml-save").ClickAsync();
                await Expect(page.GetByTestId("guest-xml-error")).ToBeVisibleAsync(Shortly);
                Assert.Contains("bogus-device", await editor.InputValueAsync(), StringComparison.Ordinal);
                await Expect(page.GetByTestId("guest-xml-persistent")).Not.ToContainTextAsync("bogus-device");
                await PageSteps.ScreenshotAsync(page, "guest-xml-refused");

                // Events: the state history with the notes change and the refused XML next to it.
                await page.GetByTestId("guest-tab-events").ClickAsync();
                await Expect(page.GetByTestId("guest-events")).ToContainTextAsync("set-guest-notes", SoonContains);
                await Expect(page.GetByTestId("guest-events")).ToContainTextAsync("edit-guest-xml");
                await Expect(page.GetByTestId("guest-event-state").First).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-events");

                // The host page's usage graph uses the same charts.
                await page.GotoAsync($"/hosts/{fixture.Stack.HostId}");
                await Expect(page.GetByTestId("host-usage-chart")).ToBeVisibleAsync(Shortly);
                await Expect(page.GetByTestId("host-usage-cpu").Locator("svg path")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "host-usage");
            });
        }
        finally
        {
            DestroyGuest();
        }
    }

    private static ILocator Field(IPage page, string testId, string tag) =>
        page.Locator($"[data-testid='{testId}'] {tag}, {tag}[data-testid='{testId}']").First;

    private void StartGuest()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(Guest);
        if (!domain.IsActive())
        {
            domain.Create();
        }
    }

    private void DestroyGuest()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(Guest);
        if (domain.IsActive())
        {
            domain.Destroy();
        }
    }
}
