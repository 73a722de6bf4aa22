using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A full clone started from the dashboard in a real browser, its agent killed with SIGKILL mid-copy and
/// started again: the open page marks the running task as possibly interrupted while the agent is
/// away, then shows it Interrupted with its end time and the removed volume, without a reload.
/// Its own stack, as the shared one's agent must not be killed.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class InterruptedCloneTests
{
    private const string Uri = "qemu:///system";
    private static readonly string Prefix = TestRun.GuestName("iclone-");

    [Fact]
    public async Task The_open_dashboard_shows_a_clone_cut_off_by_a_killed_agent_as_interrupted_without_a_reload()
    {
        string pool = Prefix + "pool";
        string source = Prefix + "src";
        string clone = Prefix + "copy";
        string directory = Path.Combine(Path.GetTempPath(), pool);
        SlowCloneSource.Create(Uri, pool, source, directory);
        string target = Path.Combine(directory, clone + ".img");
        try
        {
            await using var stack = await WebVirtStack.StartAsync(Uri, "iclone");
            var (playwright, browser) = await DebianChromium.LaunchAsync();
            using (playwright)
            {
                var context = await DebianChromium.NewContextAsync(browser, stack.WebUrl);
                var page = await context.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(page, nameof(The_open_dashboard_shows_a_clone_cut_off_by_a_killed_agent_as_interrupted_without_a_reload), async () =>
                {
                    await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                    await PageSteps.Field(page, "guest-filter", "input").FillAsync(Prefix);
                    await Expect(page.GetByTestId($"guest-state-{source}")).ToHaveTextAsync("Shut off", PageSteps.Soon);
                    await page.GetByTestId($"action-clone-{source}").ClickAsync();
                    await PageSteps.Field(page, "clone-name", "input").FillAsync(clone);
                    await page.GetByTestId("clone-ok").ClickAsync();
                    var task = page.GetByTestId($"task-{clone}");
                    await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Running", PageSteps.Soon);
                    for (var deadline = DateTime.UtcNow.AddSeconds(60); !File.Exists(target); await Task.Delay(200))
                    {
                        Assert.True(DateTime.UtcNow < deadline, "the copy did not start");
                    }

                    await PageSteps.MarkDocumentAsync(page);
                    stack.Agent.KillHard();
                    await Expect(task.GetByTestId("task-stale")).ToContainTextAsync("interrupted? (agent away since", new() { Timeout = 30_000 });
                    await page.EvaluateAsync("() => document.querySelector(\"[data-testid=tasks-panel]\").scrollIntoView({ block: \"end\" })");
                    await PageSteps.ScreenshotAsync(page, "task-running-agent-away");

                    await stack.RestartAgentAsync();
                    await Expect(task.GetByTestId("task-state")).ToHaveTextAsync("Interrupted", PageSteps.Soon);
                    await Expect(task.GetByTestId("task-finished")).ToContainTextAsync("ended", new() { Timeout = 30_000 });
                    await task.ClickAsync();
                    await Expect(task.GetByTestId("task-error")).ToContainTextAsync($"Removed: volume {clone}.img in pool {pool}", new() { Timeout = 180_000 });
                    await Expect(task.GetByTestId("task-leftovers")).ToHaveCountAsync(0);
                    Assert.True(await PageSteps.DocumentStillMarkedAsync(page), "the page was reloaded");
                    Assert.False(File.Exists(target));
                    await page.EvaluateAsync("() => document.querySelector(\"[data-testid=tasks-panel]\").scrollIntoView({ block: \"end\" })");
                    await PageSteps.ScreenshotAsync(page, "task-interrupted-cleaned");
                });
            }

            await browser.CloseAsync();
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(Uri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(Uri, Prefix);
            Directory.Delete(directory, recursive: true);
        }
    }
}
