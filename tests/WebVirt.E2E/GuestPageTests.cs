using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
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
        string pool = TestRun.GuestName("e2e-guestpage");
        string poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "guest-page-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        string originalXml;
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (var domain = connection.LookupDomainByName(Guest))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        {
            originalXml = domain.GetXmlDesc(inactive: true);
        }

        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Every_tab_of_the_guest_page_shows_and_its_cards_work), async () =>
            {
                fixture.StartGuest();
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
                await page.GetByTestId($"guest-link-{Guest}").ClickAsync();

                await Expect(page.GetByTestId("guest-page")).ToBeVisibleAsync(Shortly);
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/guests/{fixture.Stack.HostId}/[0-9a-f-]{{36}}$"));
                await Expect(page.GetByTestId("guest-title")).ToHaveTextAsync(Guest);

                // Overview: the facts, then notes saved and shown back with who saved them.
                await Expect(page.GetByTestId("guest-overview")).ToBeVisibleAsync(Shortly);
                await Expect(page.GetByTestId("guest-fact-domain-type")).ToContainTextAsync("Emulation");
                await PageSteps.Field(page, "guest-notes-description", "textarea").FillAsync("E2E guest: boots a tiny kernel.");
                await PageSteps.Field(page, "guest-notes-tag-input", "input").FillAsync("e2e");
                await page.GetByTestId("guest-notes-tag-add").ClickAsync();
                await page.GetByTestId("guest-notes-save").ClickAsync();
                await Expect(page.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", SoonContains);
                await Expect(page.GetByTestId("guest-tag-e2e")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-overview");

                // Usage: the live graph draws the agent's pushes within a few sampling intervals.
                await page.GetByTestId("guest-tab-usage").ClickAsync();
                await Expect(page.GetByTestId("usage-chart-cpu").Locator("svg path.mud-chart-line")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await Expect(page.GetByTestId("usage-chart-net").Locator("svg path.mud-chart-line")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "guest-usage-live");
                await page.GetByTestId("usage-range-hour").ClickAsync();
                await Expect(page.GetByTestId("usage-range-hour")).ToHaveAttributeAsync("aria-pressed", "true");
                await Expect(page.GetByTestId("usage-chart-memory")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-usage-hour");

                // Hardware: a memory maximum above the running one applies at next boot; a new disk plugs in live.
                await page.GetByTestId("guest-tab-hardware").ClickAsync();
                await Expect(page.GetByTestId("hw-cpu-card")).ToBeVisibleAsync(Shortly);
                await page.GetByTestId("hw-memory-edit").ClickAsync();
                await PageSteps.Field(page, "hw-memory-maximum", "input").FillAsync("320");
                await page.GetByTestId("hw-memory-save").ClickAsync();
                await Expect(page.GetByTestId("hw-memory-card").GetByTestId("hw-next-boot")).ToContainTextAsync("320", SoonContains);
                await page.GetByTestId("hw-disk-add").ClickAsync();
                await Expect(page.GetByTestId("hw-disk-add-dialog")).ToBeVisibleAsync(Shortly);
                await PageSteps.ChooseAsync(page, "hw-disk-add-pool", pool);
                await PageSteps.Field(page, "hw-disk-add-size", "input").FillAsync("0.0625");
                await page.GetByTestId("hw-disk-add-confirm").ClickAsync();
                await Expect(page.GetByTestId("hw-disk-row-vda")).ToContainTextAsync("qcow2", SoonContains);
                await PageSteps.ScreenshotAsync(page, "guest-hardware");

                // Snapshots: one with memory of the running guest, reverted to after a confirmation, then deleted.
                await page.GetByTestId("guest-tab-snapshots").ClickAsync();
                await page.GetByTestId("snapshot-create").ClickAsync();
                await PageSteps.Field(page, "snapshot-name", "input").FillAsync("before-e2e");
                await PageSteps.Field(page, "snapshot-description", "textarea").FillAsync("taken by the e2e test");
                await PageSteps.Field(page, "snapshot-memory", "input").CheckAsync(new() { Force = true });
                await page.GetByTestId("snapshot-create-confirm").ClickAsync();
                await Expect(page.GetByTestId("snapshot-row-before-e2e")).ToBeVisibleAsync(new() { Timeout = 120_000 });
                await Expect(page.GetByTestId("snapshot-row-before-e2e").GetByTestId("snapshot-current")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "guest-snapshots");
                await PageSteps.ClickUntilShownAsync(page, "snapshot-revert-before-e2e", "confirm-ok");
                await PageSteps.ScreenshotAsync(page, "guest-snapshot-revert-confirm");
                await page.GetByTestId("confirm-ok").ClickAsync();
                await Expect(page.GetByTestId("confirm-ok")).ToHaveCountAsync(0, new() { Timeout = 120_000 });
                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
                await PageSteps.ClickUntilShownAsync(page, "snapshot-delete-before-e2e", "confirm-ok");
                await page.GetByTestId("confirm-ok").ClickAsync();
                await Expect(page.GetByTestId("snapshot-row-before-e2e")).ToHaveCountAsync(0, new() { Timeout = 60_000 });

                // XML: both definitions; a change checked shows its diff, an invalid one libvirt's error, and saving it changes nothing.
                await page.GetByTestId("guest-tab-xml").ClickAsync();
                await Expect(page.GetByTestId("guest-xml-persistent")).ToContainTextAsync($"<name>{Guest}</name>", SoonContains);
                await Expect(page.GetByTestId("guest-xml-live")).ToContainTextAsync("<domain");
                var editor = PageSteps.Field(page, "guest-xml-editor", "textarea");
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
                await Expect(page.GetByTestId("host-usage-cpu").Locator("svg path.mud-chart-line")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await Expect(page.GetByTestId("host-usage-load").Locator("svg path.mud-chart-line")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "host-usage");
            });
        }
        finally
        {
            // The other tests boot the shared guest as it was: without the added disk, its pool or the new memory size.
            fixture.DestroyGuest();
            using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
            using (connection.DefineDomainXml(originalXml))
            {
            }

            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, pool);
            Directory.Delete(poolPath, recursive: true);
        }
    }
}
