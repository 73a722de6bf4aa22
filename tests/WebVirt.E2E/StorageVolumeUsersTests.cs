using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The Storage page in a real browser: a linked clone's base whose template is gone shows the clone
/// as its user (through a backing file) and offers no delete; the pool's delete with all volumes is
/// refused by the agent, naming the clone.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class StorageVolumeUsersTests(E2EFixture fixture)
{
    private static readonly string Prefix = TestRun.GuestName("svu-");

    [Fact]
    public async Task A_linked_clones_base_shows_the_clone_as_its_user_and_cannot_be_deleted()
    {
        string clone = Prefix + "clone";
        string pool = Prefix + "pool";
        string runDirectory = TestGuestImages.CreateRunDirectory();
        string poolPath = Path.Combine(runDirectory, "svu-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Disk);
        string baseDisk = Path.Combine(poolPath, "base.qcow2");
        File.Move(Path.Combine(poolPath, TestGuestImages.Disk), baseDisk);
        string overlay = Path.Combine(poolPath, clone + ".qcow2");
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (var storagePool = connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        {
            ulong capacity;
            using (var baseVolume = storagePool.LookupVolumeByName("base.qcow2"))
            {
                capacity = baseVolume.GetInfo().CapacityBytes;
            }

            // What a linked clone is left with once its template was deleted keeping its disk: an overlay on a base no guest names.
            using (storagePool.CreateVolumeXml(
                $"<volume><name>{clone}.qcow2</name><capacity unit='bytes'>{capacity}</capacity><target><format type='qcow2'/></target>" +
                $"<backingStore><path>{baseDisk}</path><format type='qcow2'/></backingStore></volume>"))
            using (connection.DefineDomainXml(WithDisk(TestGuestDomainXml.CdromBoot(clone, runDirectory), overlay)))
            {
            }
        }

        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_linked_clones_base_shows_the_clone_as_its_user_and_cannot_be_deleted), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/storage");
                await page.GetByTestId($"pool-row-{pool}").ClickAsync(new() { Timeout = 30_000 });

                await Expect(page.GetByTestId("volume-users-base.qcow2")).ToHaveTextAsync($"{clone} (through a backing file)", PageSteps.Soon);
                await Expect(page.GetByTestId($"volume-users-{clone}.qcow2")).ToHaveTextAsync(clone);
                await Expect(page.GetByTestId("volume-delete-base.qcow2")).ToBeDisabledAsync();
                await PageSteps.ScreenshotAsync(page, "storage-base-used-through-backing-file");

                await page.GetByTestId($"pool-menu-{pool}").ClickAsync();
                await page.GetByRole(AriaRole.Menuitem, new() { Name = "Delete pool and all its volumes" }).ClickAsync();
                await Expect(page.GetByTestId("confirm-ok")).ToHaveTextAsync("Delete pool and all its volumes");
                await page.GetByTestId("confirm-ok").ClickAsync();
                var refusal = page.Locator(".mud-snackbar").Filter(new() { HasText = $"holds volumes used by {clone}" });
                await Expect(refusal).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "storage-pool-delete-refused");
                Assert.True(File.Exists(baseDisk) && File.Exists(overlay));
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, Prefix);
            if (Directory.Exists(runDirectory))
            {
                Directory.Delete(runDirectory, recursive: true);
            }
        }
    }

    private static string WithDisk(string domainXml, string path)
    {
        var domain = XElement.Parse(domainXml);
        domain.Element("devices")!.AddFirst(new XElement(
            "disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
            new XElement("source", new XAttribute("file", path)),
            new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
        return domain.ToString();
    }
}
