using System.Text.RegularExpressions;
using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// Windows 11 in the wizard offers the virtio driver disk; with it attached the summary lists it,
/// the preview has it as the second CD-ROM, and the defined guest has virtio devices. In English
/// the guest is created; in Chinese the walk stops at the summary.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class WindowsDriversWizardTests(E2EFixture fixture)
{
    private const string DriversIso = "virtio-win-e2e.iso";

    [Theory]
    [InlineData("en-US", "Attach the virtio driver disk")]
    [InlineData("zh-CN", "附加 virtio 驱动盘")]
    public async Task Windows_11_with_the_virtio_driver_disk_gets_it_as_second_cdrom_and_virtio_devices(string locale, string attachLabel)
    {
        string prefix = TestRun.GuestName("windrv-" + locale[..2] + "-");
        string guest = prefix + "win11";
        string pool = prefix + "pool";
        string network = prefix + "net";
        string poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "windrv-" + locale[..2]);
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Iso);
        string drivers = Path.Combine(poolPath, DriversIso);
        await StandInDriverIso.WriteAsync(drivers);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        using (connection.CreateNetworkXml($"<network><name>{network}</name></network>"))
        {
        }

        var page = await PageSteps.NewPageAsync(fixture, locale);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Windows_11_with_the_virtio_driver_disk_gets_it_as_second_cdrom_and_virtio_devices) + locale, async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);
                await page.GotoAsync("/guests/new");
                await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });

                await PageSteps.ChooseAsync(page, "wizard-source-pool", pool);
                // The pool's first ISO is picked; the install ISO must be the test system's, not the driver disk.
                var sourceVolume = page.Locator(".mud-select").Filter(new() { Has = page.GetByTestId("wizard-source-volume") }).Last;
                await Expect(sourceVolume).ToContainTextAsync(".iso", new() { Timeout = 30_000 });
                if (!(await sourceVolume.InnerTextAsync()).Contains(TestGuestImages.Iso, StringComparison.Ordinal))
                {
                    await sourceVolume.ClickAsync();
                    await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = TestGuestImages.Iso }).First.ClickAsync();
                }

                await page.GetByTestId("wizard-next").ClickAsync();

                // OS: Windows 11 brings the driver disk offer; our pool's virtio-win ISO is picked.
                var os = PageSteps.Field(page, "wizard-os", "input");
                await Expect(os).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await os.FillAsync("Windows 11");
                await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "win11" }).First.ClickAsync();
                await Expect(page.GetByTestId("wizard-drivers")).ToContainTextAsync(attachLabel, new() { Timeout = 30_000 });
                await PageSteps.ChooseAsync(page, "wizard-drivers-pool", pool);
                var attach = PageSteps.Field(page, "wizard-drivers-attach", "input");
                if (!await attach.IsCheckedAsync())
                {
                    await attach.ClickAsync(new() { Force = true });
                }

                await Expect(attach).ToBeCheckedAsync();
                await Expect(page.GetByTestId("wizard-drivers-volume")).ToContainTextAsync(DriversIso);
                await PageSteps.ScreenshotAsync(page, "wizard-windows-drivers-" + locale);

                // Unchecked, the panel says which emulated devices Windows Setup gets instead.
                await attach.ClickAsync(new() { Force = true });
                await Expect(page.GetByTestId("wizard-drivers-emulated")).ToContainTextAsync("e1000e");
                await PageSteps.ScreenshotAsync(page, "wizard-windows-no-drivers-" + locale);
                await attach.ClickAsync(new() { Force = true });
                await Expect(attach).ToBeCheckedAsync();
                await page.GetByTestId("wizard-next").ClickAsync();

                await PageSteps.Field(page, "wizard-name", "input").FillAsync(guest);
                // 512 MiB: with less, the Secure Boot firmware and the test kernel reset in a loop.
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("512");
                await PageSteps.ChooseAsync(page, "wizard-disk-pool", pool);
                await PageSteps.Field(page, "wizard-disk-size", "input").FillAsync("1");
                await page.GetByTestId("wizard-next").ClickAsync();
                await PageSteps.ChooseAsync(page, "wizard-network", network);
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(PageSteps.Field(page, "wizard-firmware-secureboot", "input")).ToBeCheckedAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                // Summary: the driver disk listed; the preview's second CD-ROM is it.
                await Expect(page.GetByTestId("wizard-summary-drivers")).ToContainTextAsync(DriversIso, new() { Timeout = 30_000 });
                var xml = PageSteps.Field(page, "wizard-xml", "textarea");
                await Expect(xml).ToHaveValueAsync(new Regex(Regex.Escape(drivers)), new() { Timeout = 30_000 });
                XElement preview = XDocument.Parse(await xml.InputValueAsync()).Root!;
                Assert.Equal([TestGuestImages.Iso, DriversIso], Cdroms(preview).Select(c => Path.GetFileName((string?)c.Element("source")?.Attribute("file"))));
                await PageSteps.ScreenshotAsync(page, "wizard-windows-summary-" + locale);
                if (locale != "en-US")
                {
                    return;
                }

                await page.GetByTestId("wizard-create").ClickAsync();
                await Expect(page.GetByTestId($"task-{guest}").GetByTestId("task-state")).ToHaveTextAsync("Done", new() { Timeout = 60_000 });

                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var domain = connection.LookupDomainByName(guest);
                XElement devices = XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!.Element("devices")!;
                Assert.Equal("virtio", (string?)devices.Elements("disk").Single(d => (string?)d.Attribute("device") == "disk").Element("target")!.Attribute("bus"));
                Assert.Equal("virtio", (string?)devices.Element("interface")!.Element("model")!.Attribute("type"));
                var cdroms = Cdroms(devices.Parent!);
                Assert.Equal(drivers, (string?)cdroms[1].Element("source")?.Attribute("file"));
                Assert.All(cdroms, c => Assert.Equal("sata", (string?)c.Element("target")?.Attribute("bus")));
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, prefix);
            if (Directory.Exists(poolPath))
            {
                Directory.Delete(poolPath, recursive: true);
            }
        }
    }

    private static List<XElement> Cdroms(XElement domain) =>
        [.. domain.Element("devices")!.Elements("disk").Where(d => (string?)d.Attribute("device") == "cdrom")];
}
