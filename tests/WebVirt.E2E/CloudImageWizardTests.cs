using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The wizard's cloud image source in a real browser: a bad SSH key is refused at its field (in
/// Chinese too), and a guest made from the test guest's qcow2 as cloud image boots and prints its
/// seed, with the host name typed in the wizard, on the serial console.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CloudImageWizardTests(E2EFixture fixture)
{
    private const string Key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";
    private static readonly string Prefix = TestRun.GuestName("cloudwiz-");

    [Fact]
    public async Task The_wizard_makes_a_cloud_guest_whose_seed_carries_the_host_name()
    {
        string guest = Prefix + "vm";
        string pool = Prefix + "pool";
        string poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "cloud-wizard-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Disk);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        {
        }

        try
        {
            await RefusesABadKeyAsync("zh-CN", pool, "第 1 行的 SSH 公钥");
            var page = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(page, nameof(The_wizard_makes_a_cloud_guest_whose_seed_carries_the_host_name), async () =>
            {
                await OpenCloudSourceAsync(page, pool);
                await PageSteps.Field(page, "cloud-user", "input").FillAsync("alice");
                await PageSteps.Field(page, "cloud-keys", "textarea").FillAsync(Key);
                await PageSteps.Field(page, "cloud-host", "input").FillAsync("wizard-host-7");
                await PageSteps.Field(page, "cloud-overlay", "input").ClickAsync(new() { Force = true });
                await PageSteps.ScreenshotAsync(page, "wizard-cloud-source-en-US");
                await page.GetByTestId("wizard-next").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();

                await PageSteps.Field(page, "wizard-name", "input").FillAsync(guest);
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                await PageSteps.ChooseAsync(page, "wizard-disk-pool", pool);
                await PageSteps.Field(page, "wizard-disk-size", "input").FillAsync("1");
                await page.GetByTestId("wizard-next").ClickAsync();
                await page.GetByTestId("net-none").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                var xml = PageSteps.Field(page, "wizard-xml", "textarea");
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(guest + "-cidata\\.iso"), new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("wizard-summary")).ToContainTextAsync("wizard-host-7");
                await page.GetByTestId("wizard-create").ClickAsync();
                await Expect(page.GetByTestId($"guest-state-{guest}")).ToHaveTextAsync("Running", new() { Timeout = 90_000 });

                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var domain = connection.LookupDomainByName(guest);
                string console = await CloudSeedConsole.ReadAsync(domain, TimeSpan.FromSeconds(240));
                Assert.Contains("local-hostname: wizard-host-7", console, StringComparison.Ordinal);
                Assert.Contains("- name: alice", console, StringComparison.Ordinal);
                Assert.Contains(Key, console, StringComparison.Ordinal);
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

    private async Task RefusesABadKeyAsync(string locale, string pool, string refusal)
    {
        var page = await PageSteps.NewPageAsync(fixture, locale);
        await PageSteps.WithFailureScreenshotAsync(page, "cloud-bad-key-" + locale, async () =>
        {
            await OpenCloudSourceAsync(page, pool);
            await PageSteps.Field(page, "cloud-user", "input").FillAsync("alice");
            await PageSteps.Field(page, "cloud-keys", "textarea").FillAsync("ssh-ed25519 AAAAnot-a-key me");
            await page.GetByTestId("wizard-next").ClickAsync();
            await Expect(page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = refusal })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "wizard-cloud-source-refused-" + locale);
        });
    }

    private async Task OpenCloudSourceAsync(Microsoft.Playwright.IPage page, string pool)
    {
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);
        await page.GotoAsync("/guests/new");
        await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("source-cloud").ClickAsync();
        await PageSteps.ChooseAsync(page, "wizard-source-pool", pool);
        await Expect(page.GetByTestId("cloud-panel")).ToBeVisibleAsync();
    }
}
