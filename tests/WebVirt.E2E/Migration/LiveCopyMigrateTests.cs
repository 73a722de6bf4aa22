using System.Diagnostics;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// The running TCG test guest, its disk on a pool only its host has (not marked shared) and notes and a tag on it, is
/// live-migrated from its page to an enrolled host in a real browser with its disk copied: the dialog says the disk
/// will be copied and takes the destination pool, the guest's uptime goes on counting in its serial log through the
/// move, it then runs on the destination only with its disk in the chosen pool, and its page there shows it running
/// with its notes and tag. The dialog is also shown in Chinese. Its own stack, host, pool and guest; all removed at the end.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class LiveCopyMigrateTests(ITestOutputHelper output)
{
    private const string DestinationHost = "q";
    private static readonly string s_prefix = $"{TestRun.CommonPrefix}livecopy-e2e-{TestRun.Id[..6]}-";

    [Fact]
    public async Task A_running_guest_with_a_local_disk_is_migrated_live_with_its_disk_copied_and_keeps_counting()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        var shared = "";
        var local = Path.Combine("/var/lib", s_prefix + "src");
        var pool = s_prefix + "src";
        var name = s_prefix + "guest";
        await using var hosts = await LibvirtHosts.StartAsync(DestinationHost);
        try
        {
            shared = await MigrationScene.SharedFolderAsync(s_prefix);
            var disk = await MigrationScene.LocalPoolDiskAsync(pool, local, name);
            await using var stack = await WebVirtStack.StartAsync("qemu:///system", "livecopy");
            await using var destination = await EnrollableAgent.StartAsync(
                s_prefix + DestinationHost, LibvirtHosts.Uri(DestinationHost), new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.8" });
            var uuid = await MigrationScene.BootAsync("qemu:///system", name, shared, disk);
            await MigrationScene.StartTickerAsync("qemu:///system", name, shared);
            var serialLog = TestGuestDomainXml.SerialLogPath(name, shared);

            var (playwright, browser) = await DebianChromium.LaunchAsync();
            using (playwright)
            {
                var page = await MigrationScene.AdminPageAsync(browser, stack.WebUrl);
                await PageSteps.WithFailureScreenshotAsync(page, nameof(LiveCopyMigrateTests), async () =>
                {
                    await HostPages.EnrolAsync(page, destination);
                    await page.GotoAsync($"/guests/{stack.HostId}/{uuid}");
                    await MigrationScene.WriteNotesAsync(page, "Copied live.", "copied");
                });

                // The dialog in Chinese first: live, the disk to be copied, the destination's pool offered; nothing started.
                var zh = await MigrationScene.AdminPageAsync(browser, stack.WebUrl, chinese: true);
                await PageSteps.WithFailureScreenshotAsync(zh, nameof(LiveCopyMigrateTests) + "-zh", async () =>
                {
                    await zh.GotoAsync($"/guests/{stack.HostId}/{uuid}");
                    await zh.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
                    await Expect(zh.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"磁盘 vda 位于未标记为共享的存储池 {pool}：将被复制。", new() { Timeout = 30_000 });
                    await Expect(zh.GetByTestId("migrate-pool")).ToBeVisibleAsync();
                    await PageSteps.ScreenshotAsync(zh, "migrate-live-copy-dialog-zh");
                    await zh.GetByTestId("migrate-close").ClickAsync();
                });

                page = await MigrationScene.AdminPageAsync(browser, stack.WebUrl);
                await PageSteps.WithFailureScreenshotAsync(page, nameof(LiveCopyMigrateTests), async () =>
                {
                    await page.GotoAsync($"/guests/{stack.HostId}/{uuid}");
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
                    await Expect(page.GetByTestId("migrate-problems")).ToHaveCountAsync(0);
                    await PageSteps.ScreenshotAsync(page, "migrate-live-copy-done");

                    // The same kernel ran on: the uptime it prints after the move follows the one before it.
                    var after = await SerialTicker.WaitForTickAfterAsync(serialLog, SerialTicker.LastTick(serialLog));
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
            }

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
        finally
        {
            TestGuestCleaner.RemoveRunGuests("qemu:///system", prefix: s_prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks("qemu:///system", s_prefix);
            await hosts.DisposeAsync();
            MigrationScene.RemoveSharedFolder(shared);
            MigrationScene.RemoveSharedFolder(local);
            var copies = LibvirtHosts.LocalDirectoryOf(DestinationHost);
            foreach (var file in Directory.Exists(copies) ? Directory.EnumerateFiles(copies, s_prefix + "*") : [])
            {
                File.Delete(file);
            }
        }
    }
}
