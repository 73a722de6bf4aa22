using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// A live migration of the running TCG test guest (its disk on the shared folder, a pool the administrator marks
/// shared), throttled to 1 MiB/s in the dialog so it takes minutes, is cancelled midway from the dashboard's task
/// panel in a real browser: the task then shows the migration cancelled, the guest runs on the source with its
/// uptime counting on, and the destination has nothing of it. The task panel and its confirmation are also shown in
/// Chinese. Its own scene (<see cref="MigrationScene"/>).
/// </summary>
[Trait("Category", "Qemu")]
[Collection(OwnStackCollection.Name)]
public sealed class CancelMigrationTests(ITestOutputHelper output)
{
    private const string DestinationHost = "r";

    [MigrationSceneFact]
    public async Task A_throttled_live_migration_cancelled_from_the_task_panel_leaves_the_guest_running_on_its_host()
    {
        await using var scene = await MigrationScene.StartAsync(new MigrationSceneSetup("cancelmig", [new SceneHost(DestinationHost, "127.0.0.9")]));
        var (name, uuid) = scene.Guest;
        await scene.StartTickerAsync(scene.Guest);
        var serialLog = scene.SerialLogOf(scene.Guest);

        var page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(CancelMigrationTests), async () =>
        {
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync("it stays in place", new() { Timeout = 30_000 });
            // 1 MiB/s: the 90 MiB the guest sends take a minute and a half, time to cancel midway.
            await PageSteps.Field(page, "migrate-bandwidth", "input").FillAsync("1");
            await PageSteps.ScreenshotAsync(page, "migrate-throttled-dialog");
            await page.GetByTestId("migrate-start").ClickAsync();
            await Expect(page.GetByTestId("migrate-status")).ToContainTextAsync(" sent, ", new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("migrate-cancel")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(page, "migrate-throttled-progress");
            // The dialog lets the migration run on in the background; the dashboard's task panel follows it.
            await page.GetByTestId("migrate-close").ClickAsync();
            await page.GotoAsync("/");
            var task = page.GetByTestId($"task-{name}");
            await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(task).ToContainTextAsync("Migrate");
            await Expect(task.GetByTestId("task-cancel")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        });

        // In Chinese: the running migration in the task panel and the confirmation of its cancel, declined.
        var zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(CancelMigrationTests) + "-zh", async () =>
        {
            await zh.GotoAsync("/");
            var task = zh.GetByTestId($"task-{name}");
            await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("进行中", new() { Timeout = 30_000 });
            await Expect(task).ToContainTextAsync("迁移");
            await task.GetByTestId("task-cancel").ClickAsync();
            await Expect(zh.GetByTestId("confirm-dialog")).ToContainTextAsync("迁移将停止：虚拟机继续在原主机上运行", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(zh, "migrate-cancel-confirm-zh");
            await zh.GetByTestId("confirm-cancel").ClickAsync();
            await Expect(zh.GetByTestId("confirm-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        });

        page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(CancelMigrationTests), async () =>
        {
            await page.GotoAsync("/");
            var task = page.GetByTestId($"task-{name}");
            await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Running", new() { Timeout = 30_000 });
            var before = SerialTicker.LastTick(serialLog);
            await task.GetByTestId("task-cancel").ClickAsync();
            await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("The migration stops: the guest keeps running on the host it is on", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-cancel-confirm");
            await page.GetByTestId("confirm-ok").ClickAsync();
            await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Cancelled", new() { Timeout = 120_000 });
            await task.ClickAsync();
            await Expect(task.GetByTestId("task-cancelled")).ToHaveTextAsync($"Migration cancelled: guest {name} stays on this host", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-cancelled");

            // Still on its host and the same kernel: its uptime goes on from before the cancel.
            var after = await SerialTicker.WaitForTickAfterAsync(serialLog, before);
            output.WriteLine($"uptime {before:F1} s at the cancel, {after:F1} s after it");
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await Expect(page.GetByTestId("guest-page")).ToContainTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-migrate")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        });

        zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(CancelMigrationTests) + "-zh", async () =>
        {
            await zh.GotoAsync("/");
            var task = zh.GetByTestId($"task-{name}");
            await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("已取消", new() { Timeout = 30_000 });
            await task.ClickAsync();
            await Expect(task.GetByTestId("task-cancelled")).ToHaveTextAsync($"迁移已取消：虚拟机 {name} 仍在本主机上", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(zh, "migrate-cancelled-zh");
        });

        MigrationScene.AssertRuns("qemu:///system", name);
        MigrationScene.AssertAbsent(LibvirtHosts.Uri(DestinationHost), name);
    }
}
