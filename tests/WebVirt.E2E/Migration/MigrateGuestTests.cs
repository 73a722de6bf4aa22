using System.Diagnostics;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// An administrator enrols a second host (an extra libvirtd on this machine, its agent on https with its
/// own certificate) and live-migrates the running TCG test guest to it from the guest page, in a real
/// browser: the administrator marks the pool that holds the guest's disk shared between hosts on the
/// storage page, the dialog then says the disk stays in place, shows the migration's progress, and the
/// guest runs on the second host only and its page there shows it running. Its own scene (<see cref="MigrationScene"/>).
/// </summary>
[Trait("Category", "Qemu")]
[Collection(OwnStackCollection.Name)]
public sealed class MigrateGuestTests(ITestOutputHelper output)
{
    private const string DestinationHost = "n";

    [MigrationSceneFact]
    public async Task A_running_guest_is_migrated_live_to_an_enrolled_host_from_its_page()
    {
        await using var scene = await MigrationScene.StartAsync(new MigrationSceneSetup("migrate", [new SceneHost(DestinationHost, "127.0.0.2")]));
        var (name, uuid) = scene.Guest;
        var destination = scene.Agent(DestinationHost);

        var page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(MigrateGuestTests), async () =>
        {
            await page.GotoAsync($"/guests/{scene.Stack.HostId}/{uuid}");
            await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-destination")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"Disk vda is on pool {scene.SourcePool}, marked shared between hosts: it stays in place.", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-dialog");

            var watch = Stopwatch.StartNew();
            await page.GetByTestId("migrate-start").ClickAsync();
            await Expect(page.GetByTestId("migrate-status")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-progress");
            await Expect(page.GetByTestId("migrate-result")).ToContainTextAsync("now runs on", new() { Timeout = 120_000 });
            output.WriteLine($"MIGRATION in the browser, live, shared storage: {watch.Elapsed.TotalSeconds:F2} s from the click to the result on the page");
            await PageSteps.ScreenshotAsync(page, "migrate-arrived");
            // The guest runs over there; the task ends once the source's copy is stopped too.
            await Expect(page.GetByTestId("migrate-status")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
            await PageSteps.ScreenshotAsync(page, "migrate-done");

            await page.GetByTestId("migrate-open").ClickAsync();
            await Expect(page.GetByTestId("guest-title")).ToHaveTextAsync(name, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-page")).ToContainTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-tabs")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-load-error")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "migrate-on-destination");
        });

        // The dialog in Chinese, on the destination: the way back is closed, because this stack's own host is
        // reached over plain http without a pinned certificate, so the console cannot vouch for it to another host.
        var zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(MigrateGuestTests) + "-zh", async () =>
        {
            await zh.GotoAsync($"/guests/{destination.HostId}/{uuid}");
            await zh.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("migrate-dialog")).ToContainTextAsync("没有其他已连接且以固定证书注册的主机", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(zh, "migrate-dialog-zh");
            await zh.GetByTestId("migrate-close").ClickAsync();
        });

        MigrationScene.AssertRuns(LibvirtHosts.Uri(DestinationHost), name);
        MigrationScene.AssertAbsent("qemu:///system", name);
    }
}
