using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Faults;

/// <summary>
/// The stack's own agent killed with SIGKILL (by its pid) and started again while a real browser has
/// the dashboard, a guest page and the storage page open: each marks what it shows as stale since
/// the agent left, disables what needs the agent with the reason, and recovers without a reload.
/// Its own stack, as the shared one's agent must not be killed.
/// </summary>
[Collection(OwnStackCollection.Name)]
public sealed class AgentAwayTests
{
    private static readonly string GuestName = TestRun.GuestName("agentaway");

    [Fact]
    public async Task Open_pages_mark_an_away_agent_disable_its_actions_and_recover_without_a_reload()
    {
        await using var guest = await FaultGuest.DefineAsync(GuestName);
        await using var stack = await WebVirtStack.StartAsync(FaultGuest.Uri, "agentaway");
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        using (playwright)
        {
            var context = await DebianChromium.NewContextAsync(browser, stack.WebUrl);
            var dashboard = await context.NewPageAsync();
            await PageSteps.WithFailureScreenshotAsync(dashboard, nameof(AgentAwayTests), async () =>
            {
                await PageSteps.LoginAsync(dashboard, "admin", WebVirtStack.AdminPassword);
                await PageSteps.Field(dashboard, "guest-filter", "input").FillAsync(GuestName);
                await Expect(dashboard.GetByTestId($"guest-state-{GuestName}")).ToHaveTextAsync("Shut off", PageSteps.Soon);
                var guestPage = await context.NewPageAsync();
                await guestPage.GotoAsync($"/guests/{stack.HostId}/{guest.Uuid}");
                await Expect(guestPage.GetByTestId("guest-title")).ToHaveTextAsync(GuestName, PageSteps.Soon);
                var storage = await context.NewPageAsync();
                await storage.GotoAsync("/storage");
                await Expect(storage.GetByTestId("storage-reload")).ToBeEnabledAsync(new() { Timeout = 30_000 });

                var pages = new[] { dashboard, guestPage, storage };
                foreach (var page in pages)
                {
                    await PageSteps.MarkDocumentAsync(page);
                    await Expect(page.GetByTestId("agent-stale")).ToHaveCountAsync(0);
                }

                stack.Agent.KillHard();

                foreach (var page in pages)
                {
                    await Expect(page.GetByTestId("agent-stale").First).ToContainTextAsync("Agent away since", new() { Timeout = 30_000 });
                }

                // The data stays, marked; what needs the agent is disabled and says why.
                await Expect(dashboard.GetByTestId($"guest-state-{GuestName}")).ToHaveTextAsync("Shut off");
                var start = dashboard.GetByTestId($"action-start-{GuestName}");
                await Expect(start).ToBeDisabledAsync();
                await Expect(start).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("agent is not connected \\(since .+\\)"));
                await Expect(guestPage.GetByTestId($"action-start-{GuestName}")).ToBeDisabledAsync();
                await Expect(storage.GetByTestId("storage-reload")).ToBeDisabledAsync();
                await PageSteps.ScreenshotAsync(dashboard, "agent-away-dashboard");
                await PageSteps.ScreenshotAsync(guestPage, "agent-away-guest-page");

                await stack.RestartAgentAsync();

                foreach (var page in pages)
                {
                    await Expect(page.GetByTestId("agent-stale")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                }

                await Expect(start).ToBeEnabledAsync(new() { Timeout = 30_000 });
                await Expect(guestPage.GetByTestId($"action-start-{GuestName}")).ToBeEnabledAsync(new() { Timeout = 30_000 });
                await Expect(storage.GetByTestId("storage-reload")).ToBeEnabledAsync(new() { Timeout = 30_000 });
                await Expect(dashboard.GetByTestId($"host-link-{stack.HostId}")).ToHaveTextAsync("Connected", PageSteps.Soon);
                foreach (var page in pages)
                {
                    Assert.True(await PageSteps.DocumentStillMarkedAsync(page), $"{page.Url} was reloaded");
                    Assert.DoesNotContain("WebSocket", await page.ContentAsync(), StringComparison.Ordinal);
                }
            });
        }

        await browser.CloseAsync();
    }
}
