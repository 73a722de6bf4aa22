using System.Diagnostics;
using System.Text.RegularExpressions;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// Two enrolled hosts (extra libvirtds on this machine, each with its agent on https), the shared folder a pool on
/// each that the administrator marks shared on the storage page, two running TCG test guests on the first, one with
/// notes and a tag: the administrator evacuates the first host from the hosts page in a real browser (the dialog lists
/// both guests before anything moves, then follows each; the server runs the evacuation as a batch, so with the dialog
/// closed meanwhile the host page and the dashboard show its banner, whose Show opens the dialog again on the same
/// batch), both then run on the second host only, the notes and tag came along, and one guest migrates back from its
/// page. The bulk migrate dialog is shown from the dashboard, and a second evacuation runs in Chinese, its banner and
/// reopened dialog included, with its outcome per guest.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(OwnStackCollection.Name)]
public sealed class EvacuateHostTests(ITestOutputHelper output)
{
    private const string Source = "e";
    private const string Destination = "f";

    /// <summary>
    /// MiB/s per migration in the evacuations: slow enough (some 20 s a guest) to close the dialog and reopen it from the
    /// banner meanwhile; after that the test lifts the limit (<see cref="MigrationSpeedUp"/>).
    /// </summary>
    private const string Throttle = "4";

    [MigrationSceneFact]
    public async Task A_host_with_two_running_guests_is_evacuated_and_one_guest_migrates_back_from_its_page()
    {
        await using var scene = await MigrationScene.StartAsync(new MigrationSceneSetup(
            "evacuate", [new SceneHost(Source, "127.0.0.3"), new SceneHost(Destination, "127.0.0.2")], GuestsOn: Source, Guests: ["one", "two"]));
        string[] names = [.. scene.Guests.Select(guest => guest.Name)];
        string[] uuids = [.. scene.Guests.Select(guest => guest.Uuid)];
        var source = scene.Agent(Source);
        var destination = scene.Agent(Destination);

        var page = await scene.PageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, nameof(EvacuateHostTests), async () =>
        {
            // What the web keeps about a guest (its notes and tags) follows it.
            await page.GotoAsync($"/guests/{source.HostId}/{uuids[0]}");
            await MigrationScene.WriteNotesAsync(page, "Evacuated and back.", "evacuee");

            await page.GotoAsync($"/hosts/{source.HostId}");
            await page.GetByTestId("evacuate-host").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-destination")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            foreach (var name in names)
            {
                await Expect(page.GetByTestId($"batch-guest-{name}")).ToBeVisibleAsync();
                await Expect(page.GetByTestId($"migrate-disks-of-{name}")).ToContainTextAsync("it stays in place", new() { Timeout = 30_000 });
            }

            await Expect(page.GetByTestId("migrate-pool")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("batch-start")).ToContainTextAsync("Evacuate 2 guests");
            await PageSteps.ScreenshotAsync(page, "evacuate-confirm");

            // Throttled (each guest sends some 90 MiB) so that the batch is still running while the dialog is closed and reopened.
            await PageSteps.Field(page, "migrate-bandwidth", "input").FillAsync(Throttle);
            var watch = Stopwatch.StartNew();
            await page.GetByTestId("batch-start").ClickAsync();
            await Expect(page.GetByTestId("batch-overall")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "evacuate-progress");

            // The server runs the batch: closed, the dialog leaves a banner on the host page and on the dashboard, and
            // the banner's Show opens the dialog again on the same batch, which it follows to the end.
            await Expect(page.GetByTestId("batch-close")).ToHaveTextAsync("Continue in background");
            await page.GetByTestId("batch-close").ClickAsync();
            await Expect(page.GetByTestId("batch-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("batch-banner-text")).ToHaveTextAsync(new Regex($@"^Evacuation of {Named(source)} running to {Named(destination)}: [01] of 2 guests done\.$"), new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "evacuate-banner-host");
            await page.GotoAsync("/");
            await Expect(page.GetByTestId("batch-banner-text")).ToHaveTextAsync(new Regex($@"^Evacuation of {Named(source)} running to {Named(destination)}: [01] of 2 guests done\.$"), new() { Timeout = 30_000 });
            // The dashboard's banner is the first thing on it, above the host cards.
            Assert.True(await page.GetByTestId("batch-banner-text").EvaluateAsync<bool>(
                "banner => !!(banner.compareDocumentPosition(document.querySelector('[data-testid^=\"host-name-\"]')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
            await PageSteps.ScreenshotAsync(page, "evacuate-banner-dashboard");
            await page.GetByTestId("batch-banner-show").ClickAsync();
            await Expect(page.GetByTestId("batch-summary")).ToHaveTextAsync(new Regex($@"^Live to {Named(destination)}, started by admin\.$"), new() { Timeout = 30_000 });
            foreach (var name in names)
            {
                await Expect(page.GetByTestId($"batch-guest-{name}")).ToBeVisibleAsync();
            }

            await Expect(page.GetByTestId("batch-overall")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("batch-cancel")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(page, "evacuate-reopened");
            await using (MigrationSpeedUp.Start(LibvirtHosts.Uri(Source), names))
            {
                await Expect(page.GetByTestId("batch-overall")).ToHaveTextAsync("2 of 2 done: 2 moved, 0 not moved", new() { Timeout = 300_000 });
            }

            output.WriteLine($"EVACUATION in the browser, 2 guests live at {Throttle} MiB/s each until the dialog was reopened, shared storage: {watch.Elapsed.TotalSeconds:F2} s from the click to both moved");
            await Expect(page.GetByTestId("batch-cancel")).ToHaveCountAsync(0);
            foreach (var name in names)
            {
                await Expect(page.GetByTestId($"batch-guest-{name}")).ToContainTextAsync("Moved");
            }

            await PageSteps.ScreenshotAsync(page, "evacuate-done");
            await page.GetByTestId("batch-close").ClickAsync();
            await Expect(page.GetByTestId("batch-banner-text")).ToHaveCountAsync(0, new() { Timeout = 30_000 });

            AssertRunsOn(Destination, names);
            AssertGoneFrom(Source, names);

            // The dashboard's bulk migrate of a checked guest: the dialog only (the way back is the guest page's).
            await page.GotoAsync("/");
            // The stack's own host is the shared system libvirtd, where other runs' guests may be hundreds: filter by name, as a user would.
            await PageSteps.Field(page, "guest-filter", "input").FillAsync(names[1], new() { Timeout = 30_000 });
            await page.GetByTestId($"guest-select-{names[1]}").ClickAsync(new() { Timeout = 60_000 });
            await Expect(page.GetByTestId("migrate-selected")).ToContainTextAsync("(1)");
            await page.GetByTestId("migrate-selected").ClickAsync();
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync("it stays in place", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "bulk-migrate-dialog");
            await page.GetByTestId("batch-close").ClickAsync();

            // Back from the guest's page on the destination, where its notes and tag now are.
            await page.GotoAsync($"/guests/{destination.HostId}/{uuids[0]}");
            await Expect(page.GetByTestId("guest-tag-evacuee")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(PageSteps.Field(page, "guest-notes-description", "textarea")).ToHaveValueAsync("Evacuated and back.");
            await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync("it stays in place", new() { Timeout = 30_000 });
            watch.Restart();
            await page.GetByTestId("migrate-start").ClickAsync();
            await Expect(page.GetByTestId("migrate-result")).ToContainTextAsync("now runs on", new() { Timeout = 120_000 });
            output.WriteLine($"MIGRATION back from the guest page, live, shared storage: {watch.Elapsed.TotalSeconds:F2} s");
            // The guest runs over there; the task ends once the source's copy is stopped too.
            await Expect(page.GetByTestId("migrate-status")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
            await page.GetByTestId("migrate-open").ClickAsync();
            await Expect(page.GetByTestId("guest-page")).ToContainTextAsync("Running", new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-tag-evacuee")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(PageSteps.Field(page, "guest-notes-description", "textarea")).ToHaveValueAsync("Evacuated and back.");
            await PageSteps.ScreenshotAsync(page, "evacuate-migrated-back");
        });

        AssertRunsOn(Source, [names[0]]);
        AssertGoneFrom(Destination, [names[0]]);
        AssertRunsOn(Destination, [names[1]]);

        // The evacuation in Chinese, with its outcome per guest: the guest that came back leaves again.
        var zh = await scene.PageAsync(chinese: true);
        await PageSteps.WithFailureScreenshotAsync(zh, nameof(EvacuateHostTests) + "-zh", async () =>
        {
            await zh.GotoAsync($"/hosts/{source.HostId}");
            await zh.GetByTestId("evacuate-host").ClickAsync(new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("batch-start")).ToContainTextAsync("疏散 1 台虚拟机", new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId($"migrate-disk-vda")).ToContainTextAsync("保留在原处", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(zh, "evacuate-confirm-zh");
            await PageSteps.Field(zh, "migrate-bandwidth", "input").FillAsync(Throttle);
            await zh.GetByTestId("batch-start").ClickAsync();
            await Expect(zh.GetByTestId("batch-overall")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("batch-close")).ToHaveTextAsync("在后台继续");
            await zh.GetByTestId("batch-close").ClickAsync();
            await Expect(zh.GetByTestId("batch-banner-text")).ToHaveTextAsync(new Regex($@"^正在将 {Named(source)} 疏散到 {Named(destination)}：已完成 0/1 台虚拟机。$"), new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId("batch-banner-show")).ToHaveTextAsync("查看");
            await PageSteps.ScreenshotAsync(zh, "evacuate-banner-host-zh");
            await zh.GetByTestId("batch-banner-show").ClickAsync();
            await Expect(zh.GetByTestId("batch-summary")).ToHaveTextAsync(new Regex($@"^在线迁移到 {Named(destination)}，由 admin 发起。$"), new() { Timeout = 30_000 });
            await Expect(zh.GetByTestId($"batch-guest-{names[0]}")).ToBeVisibleAsync();
            await PageSteps.ScreenshotAsync(zh, "evacuate-reopened-zh");
            await using (MigrationSpeedUp.Start(LibvirtHosts.Uri(Source), [names[0]]))
            {
                await Expect(zh.GetByTestId("batch-overall")).ToHaveTextAsync("已完成 1/1：已迁移 1 台，未迁移 0 台", new() { Timeout = 300_000 });
            }

            await Expect(zh.GetByTestId($"batch-guest-{names[0]}")).ToContainTextAsync("已迁移");
            await PageSteps.ScreenshotAsync(zh, "evacuate-done-zh");
            await zh.GetByTestId("batch-close").ClickAsync();
        });

        AssertRunsOn(Destination, names);
        AssertGoneFrom(Source, names);
    }

    /// <summary>
    /// How the console names a scene's host: the hosts of a scene are all this machine, whose one hostname they
    /// report, so each is told apart by its id.
    /// </summary>
    private static string Named(EnrollableAgent host) => $@"\S+ \({Regex.Escape(host.HostId)}\)";

    private static void AssertRunsOn(string host, IEnumerable<string> names)
    {
        using var connection = LibvirtConnection.Open(LibvirtHosts.Uri(host));
        foreach (var name in names)
        {
            using var guest = connection.LookupDomainByName(name);
            Assert.Equal(DomainState.Running, guest.GetState().State);
        }
    }

    private static void AssertGoneFrom(string host, IEnumerable<string> names)
    {
        using var connection = LibvirtConnection.Open(LibvirtHosts.Uri(host));
        foreach (var name in names)
        {
            Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(name).Dispose()).Code);
        }
    }
}
