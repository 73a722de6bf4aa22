using System.Diagnostics;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// The running TCG test guest, its disk on a pool only its host has (not marked shared) and notes and a tag on it, is
/// live-migrated from its page to an enrolled host in a real browser with its disk copied: the dialog says the disk
/// will be copied and takes the destination pool, the guest's uptime goes on counting in its serial log through the
/// move, it then runs on the destination only with its disk in the chosen pool, and its page there shows it running
/// with its notes and tag. The dialog is also shown in Chinese. Its own scene (<see cref="MigrationScene"/>).
/// </summary>
[Trait("Category", "Qemu")]
[Collection(OwnStackCollection.Name)]
public sealed class LiveCopyMigrateTests(ITestOutputHelper output)
{
    private const string DestinationHost = "q";

    [MigrationSceneFact]
    public async Task A_running_guest_with_a_local_disk_is_migrated_live_with_its_disk_copied_and_keeps_counting()
    {
        await using var scene = await MigrationScene.StartAsync(new MigrationSceneSetup("livecopy", [new SceneHost(DestinationHost, "127.0.0.8")], Disk: SceneDisk.LocalPool));
        var (name, uuid) = scene.Guest;
        var pool = scene.SourcePool;
        await scene.StartTickerAsync(scene.Guest);
        var serialLog = scene.SerialLogOf(scene.Guest);

        var page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(LiveCopyMigrateTests), async () =>
        {
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await MigrationScene.WriteNotesAsync(page, "Copied live.", "copied");
        });

        // The dialog in Chinese first: live, the disk to be copied, the destination's pool offered; nothing started.
        var zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(LiveCopyMigrateTests) + "-zh", async () =>
        {
            await zh.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await zh.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"磁盘 vda 位于未标记为共享的存储池 {pool}：将被复制。", new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("migrate-pool")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(zh, "migrate-live-copy-dialog-zh");
            await zh.GetByTestId("migrate-close").ClickAsync();
        });

        page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(LiveCopyMigrateTests), async () =>
        {
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"Disk vda is on pool {pool}, not marked shared: it will be copied.", new() { Timeout = 30_000 });
            await PageSteps.ChooseAsync(page, "migrate-pool", LibvirtHosts.LocalPool);
            await PageSteps.ScreenshotAsync(page, "migrate-live-copy-dialog");

            var before = SerialTicker.LastTick(serialLog);
            var watch = Stopwatch.StartNew();
            await page.GetByTestId("migrate-start").ClickAsync();
            await Expect(page.GetByTestId("migrate-status")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-live-copy-progress");
            await Expect(page.GetByTestId("migrate-result")).ToContainTextAsync("now runs on", new() { Timeout = 300_000 });
            output.WriteLine($"MIGRATION in the browser, live, disk copied: {watch.Elapsed.TotalSeconds:F2} s from the click to the result on the page");
            // The guest runs over there; the task ends once the source's copy is stopped too.
            await Expect(page.GetByTestId("migrate-status")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("migrate-problems")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "migrate-live-copy-done");

            // The same kernel ran on: the uptime it prints after the move follows the one before it.
            var after = await SerialTicker.WaitForNextTickAsync(serialLog);
            output.WriteLine($"uptime {before:F1} s before the click, {after:F1} s after the move");
            Assert.True(after > before);

            await page.GetByTestId("migrate-open").ClickAsync();
            await Expect(page.GetByTestId("guest-title")).ToHaveTextAsync(name, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-page")).ToContainTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-load-error")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("guest-tag-copied")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(PageSteps.Field(page, "guest-notes-description", "textarea")).ToHaveValueAsync("Copied live.");
            await PageSteps.ScreenshotAsync(page, "migrate-live-copy-on-destination");
        });

        using (var q = LibvirtConnection.Open(LibvirtHosts.Uri(DestinationHost)))
        using (var moved = q.LookupDomainByName(name))
        {
            Assert.Equal(DomainState.Running, moved.GetState().State);
            Assert.True(moved.IsPersistent());
            Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, name + ".qcow2")}'", moved.GetXmlDesc(), StringComparison.Ordinal);
        }

        Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf(DestinationHost), name + ".qcow2")), "the copy is not in the destination pool");
        MigrationScene.AssertAbsent("qemu:///system", name);
    }
}
