using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Faults;

/// <summary>
/// A guest created from the wizard (a network install from a slow loopback mirror), its agent
/// killed with SIGKILL while the creation runs and started again: the open dashboard shows the task
/// Interrupted with its end time without a reload, and no guest of it is left on the host.
/// Its own stack, as the shared one's agent must not be killed.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class InterruptedCreationTests
{
    private static readonly string Guest = TestRun.GuestName("icreate");

    [Fact]
    public async Task The_open_dashboard_shows_a_creation_cut_off_by_a_killed_agent_as_interrupted_and_nothing_is_left()
    {
        var tree = InstallTreeServer.TestGuestTree("slow/");
        var initrd = tree["slow/images/pxeboot/initrd.img"];
        tree["slow/images/pxeboot/initrd.img"] = () => new TrickleStream(initrd());
        await using var mirror = new InstallTreeServer(tree);
        try
        {
            await using var stack = await WebVirtStack.StartAsync(FaultGuest.Uri, "icreate");
            var (playwright, browser) = await DebianChromium.LaunchAsync();
            using (playwright)
            {
                var context = await DebianChromium.NewContextAsync(browser, stack.WebUrl);
                var page = await context.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(page, nameof(InterruptedCreationTests), async () =>
                {
                    await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                    await PageSteps.EnsureHostEmulationAsync(page, stack.HostId);
                    await page.GetByTestId("create-guest").ClickAsync();
                    await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    await page.GetByTestId("source-url").ClickAsync();
                    await PageSteps.Field(page, "wizard-url", "input").FillAsync(mirror.Url("slow/"));
                    await PageSteps.Field(page, "wizard-kernel-args", "input").FillAsync(TestGuestDomainXml.KernelCommandLine);
                    await page.GetByTestId("wizard-next").ClickAsync();
                    await Expect(PageSteps.Field(page, "wizard-os", "input")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    await page.GetByTestId("wizard-next").ClickAsync();
                    await PageSteps.Field(page, "wizard-name", "input").FillAsync(Guest);
                    await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                    await page.GetByTestId("disk-none").ClickAsync();
                    await page.GetByTestId("wizard-next").ClickAsync();
                    await page.GetByTestId("net-none").ClickAsync();
                    await page.GetByTestId("wizard-next").ClickAsync();
                    await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync();
                    await page.GetByTestId("wizard-next").ClickAsync();
                    await page.GetByTestId("wizard-create").ClickAsync();

                    var task = page.GetByTestId($"task-{Guest}");
                    await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Running", PageSteps.Soon);
                    for (var deadline = DateTime.UtcNow.AddSeconds(60); !Requested(mirror, "slow/images/pxeboot/initrd.img"); await Task.Delay(200))
                    {
                        Assert.True(DateTime.UtcNow < deadline, "the installer download did not start");
                    }

                    await PageSteps.MarkDocumentAsync(page);
                    stack.Agent.KillHard();
                    // A killed process's socket is closed by the kernel and seen at once. The kill often comes while
                    // the dashboard that opened after the wizard still reads the agent's tasks: that read must end as
                    // "agent away", not as an exception that breaks the page (it did, and this mark never came).
                    await Expect(task.GetByTestId("task-stale")).ToContainTextAsync("agent away since", new() { Timeout = 30_000 });

                    await stack.RestartAgentAsync();
                    await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Interrupted", PageSteps.Soon);
                    await Expect(task.GetByTestId("task-finished")).ToContainTextAsync("ended", new() { Timeout = 30_000 });
                    await Expect(task.GetByTestId("task-leftovers")).ToHaveCountAsync(0);
                    Assert.True(await PageSteps.DocumentStillMarkedAsync(page), "the page was reloaded");
                    await page.EvaluateAsync("() => document.querySelector(\"[data-testid=tasks-panel]\").scrollIntoView({ block: \"end\" })");
                    await PageSteps.ScreenshotAsync(page, "creation-interrupted");

                    using var connection = LibvirtConnection.Open(FaultGuest.Uri);
                    var left = Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(Guest).Dispose());
                    Assert.Equal(LibvirtErrorCodes.NoDomain, left.Code);
                });
            }

            await browser.CloseAsync();
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(FaultGuest.Uri, prefix: Guest);
        }
    }

    private static bool Requested(InstallTreeServer mirror, string path)
    {
        lock (mirror.Requests)
        {
            return mirror.Requests.Contains(path);
        }
    }
}
