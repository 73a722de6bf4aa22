using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The creation wizard from the dashboard to a running TCG guest booted from the test ISO.</summary>
[Collection(E2ECollection.Name)]
public sealed class CreateGuestWizardTests(E2EFixture fixture)
{
    private static readonly string Prefix = TestRun.GuestName("wiz-");

    [Fact]
    public async Task The_wizard_creates_a_guest_from_an_iso_that_appears_and_runs()
    {
        string guest = Prefix + "iso";
        string pool = Prefix + "pool";
        string poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "wizard-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Iso);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        {
        }

        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(The_wizard_creates_a_guest_from_an_iso_that_appears_and_runs), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);

                await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);

                await page.GetByTestId("create-guest").ClickAsync();
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/guests/new$"));
                await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });

                // Source: the ISO in this test's pool.
                await PageSteps.ChooseAsync(page, "wizard-source-pool", pool);
                // Choosing the pool picks its first ISO, the test guest's (the summary's XML shows it was).
                await PageSteps.ScreenshotAsync(page, "wizard-1-source");
                await page.GetByTestId("wizard-next").ClickAsync();

                // OS: searched in osinfo, recommended values filled in.
                var os = PageSteps.Field(page, "wizard-os", "input");
                await os.FillAsync("Debian 11");
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "debian11" }).First.ClickAsync();
                await Expect(page.GetByTestId("wizard-os-recommended")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "wizard-2-os");
                await page.GetByTestId("wizard-next").ClickAsync();

                // Resources: a name already taken is refused at its field first.
                var name = PageSteps.Field(page, "wizard-name", "input");
                await name.FillAsync(fixture.GuestName);
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(page.GetByTestId("wizard-fix")).ToBeVisibleAsync();
                await Expect(page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "already" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "wizard-3-resources-refused");
                await name.FillAsync(guest);
                // The field's refusal goes as soon as it is edited, before the next check.
                await Expect(page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "already" })).ToHaveCountAsync(0, new() { Timeout = 10_000 });
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                await page.GetByTestId("disk-none").ClickAsync();
                await Expect(page.GetByTestId("wizard-os-warning").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "wizard-3-resources");
                await page.GetByTestId("wizard-next").ClickAsync();

                // Network: none (test guests never talk to anything).
                await page.GetByTestId("net-none").ClickAsync();
                await PageSteps.ScreenshotAsync(page, "wizard-4-network");
                await page.GetByTestId("wizard-next").ClickAsync();

                // System: defaults, start after create.
                await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "wizard-5-system");
                await page.GetByTestId("wizard-next").ClickAsync();

                // Summary: the choices and the XML the agent would define.
                await Expect(page.GetByTestId("wizard-summary")).ToContainTextAsync(guest);
                var xml = PageSteps.Field(page, "wizard-xml", "textarea");
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<domain type=\"qemu\""));
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(TestGuestImages.Iso)));
                await PageSteps.ScreenshotAsync(page, "wizard-6-summary");
                await page.GetByTestId("wizard-create").ClickAsync();

                // Back on the dashboard: the row appears and runs; the task finishes.
                await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/$"), PageToHave);
                await Expect(page.GetByTestId($"guest-state-{guest}")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
                await Expect(page.GetByTestId($"task-{guest}").GetByTestId("task-state")).ToHaveTextAsync("Done", new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "wizard-7-dashboard-running");

                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var domain = connection.LookupDomainByName(guest);
                Assert.Contains("type='qemu'", domain.GetXmlDesc().Replace('"', '\''), StringComparison.Ordinal);
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, Prefix);
            if (Directory.Exists(poolPath))
            {
                Directory.Delete(poolPath, recursive: true);
            }
        }
    }

    private static readonly PageAssertionsToHaveURLOptions PageToHave = new() { Timeout = 30_000 };
}
