using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The test guest's own qcow2 image in a pool, imported through the wizard as is, as a full copy
/// and as a linked overlay: each guest boots it to the banner on its serial console in the browser,
/// and libvirt holds the disk the choice promised.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ImportWizardBootTests(E2EFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan BannerTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData("asis")]
    [InlineData("copy")]
    [InlineData("overlay")]
    public async Task An_imported_image_boots_to_the_banner(string use)
    {
        string prefix = TestRun.GuestName($"imp{use}-");
        string guest = prefix + "vm";
        string pool = prefix + "pool";
        string poolPath = await BannerSteps.CreateImagePoolAsync(pool);
        string image = Path.Combine(poolPath, TestGuestImages.Disk);
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(An_imported_image_boots_to_the_banner) + use, async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);
                await page.GotoAsync("/guests/new");
                await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });

                await page.GetByTestId("source-import").ClickAsync();
                await PageSteps.ChooseAsync(page, "wizard-source-pool", pool);
                await PageSteps.Field(page, $"import-{use}", "input").ClickAsync(new() { Force = true });
                await Expect(PageSteps.Field(page, $"import-{use}", "input")).ToBeCheckedAsync();
                await PageSteps.ScreenshotAsync(page, $"import-{use}-1-source");
                await page.GetByTestId("wizard-next").ClickAsync();

                await Expect(PageSteps.Field(page, "wizard-os", "input")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                await PageSteps.Field(page, "wizard-name", "input").FillAsync(guest);
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                if (use == "asis")
                {
                    await Expect(PageSteps.Field(page, "disk-none", "input")).ToBeCheckedAsync();
                }
                else
                {
                    // The copy or overlay is the new volume: in this test's pool, grown to 1 GiB.
                    await Expect(PageSteps.Field(page, "disk-new", "input")).ToBeCheckedAsync();
                    await PageSteps.ChooseAsync(page, "wizard-disk-pool", pool);
                    await PageSteps.Field(page, "wizard-disk-size", "input").FillAsync("1");
                }

                await page.GetByTestId("wizard-next").ClickAsync();
                await page.GetByTestId("net-none").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                string useText = use switch { "asis" => "Use the image as it is", "copy" => "Copy the image", _ => "Link to the image (overlay)" };
                await Expect(page.GetByTestId("wizard-summary")).ToContainTextAsync(useText, new() { Timeout = 30_000 });
                await Expect(PageSteps.Field(page, "wizard-xml", "textarea")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<domain type=\"qemu\""));
                await PageSteps.ScreenshotAsync(page, $"import-{use}-6-summary");

                TimeSpan toBanner = await BannerSteps.CreateAndWatchBannerAsync(page, fixture.Stack.HostId, guest, BannerTimeout);
                output.WriteLine($"click to banner, import {use}: {toBanner.TotalSeconds:F1} s");
                await PageSteps.ScreenshotAsync(page, $"import-{use}-7-banner");

                AssertDisk(use, guest, poolPath, image);
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, prefix);
            Directory.Delete(Path.GetDirectoryName(poolPath)!, recursive: true);
        }
    }

    private static void AssertDisk(string use, string guest, string poolPath, string image)
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(guest);
        string disk = (string)XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!.Element("devices")!.Elements("disk")
            .Single(d => (string?)d.Attribute("device") == "disk").Element("source")!.Attribute("file")!;
        if (use == "asis")
        {
            Assert.Equal(image, disk);
            return;
        }

        Assert.Equal(Path.Combine(poolPath, guest + ".qcow2"), disk);
        using var volume = connection.LookupStorageVolumeByPath(disk);
        Assert.Equal(1UL << 30, volume.GetInfo().CapacityBytes);
        string? backing = (string?)XDocument.Parse(volume.GetXmlDesc()).Root!.Element("backingStore")?.Element("path");
        Assert.Equal(use == "overlay" ? image : null, backing);
    }
}
