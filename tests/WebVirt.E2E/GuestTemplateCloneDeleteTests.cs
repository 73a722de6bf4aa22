using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>Template mark, clone and delete from the dashboard's guest rows, on a guest with a real qcow2 disk.</summary>
[Collection(E2ECollection.Name)]
public sealed class GuestTemplateCloneDeleteTests(E2EFixture fixture)
{
    private static readonly string Prefix = TestRun.GuestName("tcd-");

    [Fact]
    public async Task A_template_refuses_to_start_and_a_clone_of_it_is_made_and_deleted_with_its_disk()
    {
        string guest = Prefix + "src";
        string clone = Prefix + "copy";
        string pool = Prefix + "pool";
        string runDirectory = TestGuestImages.CreateRunDirectory();
        string poolPath = Path.Combine(runDirectory, "tcd-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Disk);
        string disk = Path.Combine(poolPath, guest + ".qcow2");
        File.Move(Path.Combine(poolPath, TestGuestImages.Disk), disk);
        string cloneDisk = Path.Combine(poolPath, clone + ".qcow2");
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        {
            using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
            {
            }

            using (connection.DefineDomainXml(WithDisk(TestGuestDomainXml.CdromBoot(guest, runDirectory), disk)))
            {
            }
        }

        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_template_refuses_to_start_and_a_clone_of_it_is_made_and_deleted_with_its_disk), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await Expect(page.GetByTestId($"guest-state-{guest}")).ToHaveTextAsync("Shut off", PageSteps.Soon);

                // Marked as template: the row says so, and Start is refused with the agent's reason and advice.
                await page.GetByTestId($"action-template-{guest}").ClickAsync();
                await Expect(page.GetByTestId($"template-chip-{guest}")).ToHaveTextAsync("Template", PageSteps.Soon);
                await page.GetByTestId($"action-start-{guest}").ClickAsync();
                var refusal = page.Locator(".mud-snackbar").Filter(new() { HasText = "is a template and cannot be started" });
                await Expect(refusal).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await Expect(refusal).ToContainTextAsync("Clone it and start the clone");
                await PageSteps.ScreenshotAsync(page, "template-start-refused");
                await Expect(page.GetByTestId($"guest-state-{guest}")).ToHaveTextAsync("Shut off");

                // Unmarked again; then cloned through the dialog, whose agent-side name check speaks first.
                await page.GetByTestId($"action-template-{guest}").ClickAsync();
                await Expect(page.GetByTestId($"template-chip-{guest}")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await page.GetByTestId($"action-clone-{guest}").ClickAsync();
                var cloneDialog = page.GetByTestId("clone-dialog");
                await Expect(cloneDialog).ToBeVisibleAsync();
                var name = PageSteps.Field(page, "clone-name", "input");
                await name.FillAsync(fixture.GuestName);
                await page.GetByTestId("clone-ok").ClickAsync();
                await Expect(cloneDialog.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "already" })).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "clone-dialog-refused");
                await name.FillAsync(clone);
                await Expect(page.GetByTestId("clone-full-copy")).ToContainTextAsync("Full copy");
                await PageSteps.ScreenshotAsync(page, "clone-dialog");
                await page.GetByTestId("clone-ok").ClickAsync();
                await Expect(cloneDialog).ToHaveCountAsync(0, new() { Timeout = 30_000 });

                await Expect(page.GetByTestId($"task-{clone}").GetByTestId("task-state")).ToHaveTextAsync("Done", new() { Timeout = 120_000 });
                await Expect(page.GetByTestId($"guest-state-{clone}")).ToHaveTextAsync("Shut off", PageSteps.Soon);
                Assert.True(File.Exists(cloneDisk), cloneDisk);
                await PageSteps.ScreenshotAsync(page, "clone-done");

                // Deleted with its disk: the button waits for the name typed exactly.
                await page.GetByTestId($"action-delete-{clone}").ClickAsync();
                var deleteDialog = page.GetByTestId("delete-dialog");
                await Expect(deleteDialog.GetByTestId($"delete-disk-{clone}.qcow2")).ToContainTextAsync(cloneDisk, new() { Timeout = 30_000 });
                await PageSteps.Field(page, "delete-disks", "input").CheckAsync(new() { Force = true });
                var ok = page.GetByTestId("delete-ok");
                await Expect(ok).ToBeDisabledAsync();
                var confirm = PageSteps.Field(page, "delete-confirm-name", "input");
                await confirm.FillAsync(clone + "x");
                await Expect(ok).ToBeDisabledAsync();
                await confirm.FillAsync(clone);
                await Expect(ok).ToBeEnabledAsync();
                await PageSteps.ScreenshotAsync(page, "delete-dialog");
                await ok.ClickAsync();

                await Expect(page.GetByTestId($"guest-row-{clone}")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
                await Expect(page.GetByTestId($"task-{clone}").First.GetByTestId("task-state")).ToHaveTextAsync("Done", new() { Timeout = 60_000 });
                Assert.False(File.Exists(cloneDisk), cloneDisk);
                Assert.True(File.Exists(disk), disk);
                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var storagePool = connection.LookupStoragePoolByName(pool);
                storagePool.Refresh();
                var volumes = storagePool.ListAllVolumes().Select(v =>
                {
                    using (v)
                    {
                        return v.Name;
                    }
                }).ToList();
                Assert.DoesNotContain(clone + ".qcow2", volumes);
                Assert.Contains(guest + ".qcow2", volumes);
                await PageSteps.ScreenshotAsync(page, "delete-done");
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

    /// <summary>The test guest's definition with <paramref name="path"/> as its writable qcow2 disk, so a clone has something to copy.</summary>
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
