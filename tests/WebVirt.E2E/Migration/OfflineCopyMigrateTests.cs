using System.Diagnostics;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// A shut-off guest whose disk is on a pool only its host has is migrated offline from its page, in a
/// real browser: the dialog says the disk will be copied, offers the destination's pool, raises no
/// objection, and the guest ends up defined on the second host only with its disk in that pool.
/// The dialog is also shown in Chinese. Its own scene (<see cref="MigrationScene"/>).
/// </summary>
[Trait("Category", "Qemu")]
[Collection(OwnStackCollection.Name)]
public sealed class OfflineCopyMigrateTests(ITestOutputHelper output)
{
    private const string DestinationHost = "o";

    [MigrationSceneFact]
    public async Task A_shut_off_guest_with_a_local_disk_is_migrated_offline_with_its_disk_copied()
    {
        await using var scene = await MigrationScene.StartAsync(
            new MigrationSceneSetup("offcopy", [new SceneHost(DestinationHost, "127.0.0.5")], Disk: SceneDisk.LocalPool, Running: false));
        var (name, uuid) = scene.Guest;
        var pool = scene.SourcePool;

        // The dialog in Chinese first: the same guest, nothing started.
        var zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(OfflineCopyMigrateTests) + "-zh", async () =>
        {
            await zh.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await zh.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"磁盘 vda 位于未标记为共享的存储池 {pool}：将被复制。", new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("migrate-pool")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(zh, "migrate-offline-copy-dialog-zh");
            await zh.GetByTestId("migrate-close").ClickAsync();
        });

        var page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(OfflineCopyMigrateTests), async () =>
        {
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"Disk vda is on pool {pool}, not marked shared: it will be copied.", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-pool")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(page, "migrate-offline-copy-dialog");

            var watch = Stopwatch.StartNew();
            await page.GetByTestId("migrate-start").ClickAsync();
            await Expect(page.GetByTestId("migrate-result")).ToContainTextAsync("now runs on", new() { Timeout = 120_000 });
            await Expect(page.GetByTestId("migrate-problems")).ToHaveCountAsync(0);
            output.WriteLine($"MIGRATION in the browser, offline, disk copied: {watch.Elapsed.TotalSeconds:F2} s from the click to the result on the page");
            await PageSteps.ScreenshotAsync(page, "migrate-offline-copy-done");
        });

        using (var o = LibvirtConnection.Open(LibvirtHosts.Uri(DestinationHost)))
        using (var moved = o.LookupDomainByName(name))
        {
            Assert.True(moved.IsPersistent());
            Assert.False(moved.IsActive());
            Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, name + ".qcow2")}'", moved.GetXmlDesc(), StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf(DestinationHost), name + ".qcow2")), "the copy is not in the destination pool");
        MigrationScene.AssertAbsent("qemu:///system", name);
    }
}
