using System.Diagnostics;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

[Collection(E2ECollection.Name)]
public sealed class DashboardTests(E2EFixture fixture)
{
    private string Guest => fixture.GuestName;

    [Fact]
    public async Task A_bad_login_is_refused()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(A_bad_login_is_refused), async () =>
        {
        await PageSteps.LoginAsync(page, "admin", "not-the-password");

        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync();
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login"));
        });
    }

    [Fact]
    public async Task Start_suspend_from_outside_and_shut_down_show_live_without_reload()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(Start_suspend_from_outside_and_shut_down_show_live_without_reload), async () =>
        {
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        var state = page.GetByTestId($"guest-state-{Guest}");
        await Expect(state).ToHaveTextAsync("Shut off", PageSteps.Soon);
        await Expect(page.GetByTestId($"host-card-{fixture.Stack.HostId}")).ToBeVisibleAsync();
        await PageSteps.ScreenshotAsync(page, "dashboard-shut-off");
        await PageSteps.MarkDocumentAsync(page);

        await page.GetByTestId($"action-start-{Guest}").ClickAsync();
        await Expect(state).ToHaveTextAsync("Running", PageSteps.Soon);

        await RunVirshAsync("suspend", Guest);
        await Expect(state).ToHaveTextAsync("Paused", PageSteps.Soon);
        await PageSteps.ScreenshotAsync(page, "dashboard-paused");

        await page.GetByTestId($"action-resume-{Guest}").ClickAsync();
        await Expect(state).ToHaveTextAsync("Running", PageSteps.Soon);

        // The guest's acpid only hears the power button once it has booted.
        await SerialLog.WaitForAsync(fixture.SerialLogPath, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));
        await PageSteps.ScreenshotAsync(page, "dashboard-running");
        await page.GetByTestId($"action-shutdown-{Guest}").ClickAsync();
        await Expect(state).ToHaveTextAsync("Shut off", new() { Timeout = 60_000 });

        Assert.True(await PageSteps.DocumentStillMarkedAsync(page), "the page was reloaded");
        });
    }

    [Fact]
    public async Task The_guest_count_never_claims_rows_the_table_does_not_show_and_comes_with_the_first_rows()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_guest_count_never_claims_rows_the_table_does_not_show_and_comes_with_the_first_rows), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await Expect(page.GetByTestId($"guest-row-{Guest}")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // From the first byte of the next load, every change of the DOM is checked: a visible
            // count of "N of M" with N > 0 while the table has no row is what the user saw wrongly.
            await page.AddInitScriptAsync(CountWatcher);
            await page.GotoAsync("/");
            await Expect(page.GetByTestId($"guest-row-{Guest}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("guest-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ of \d+ guests$"), PageSteps.Soon);
            await PageSteps.ScreenshotAsync(page, "dashboard-guest-count");

            var seen = await page.EvaluateAsync<string[]>("() => window.__wvtCountStates");
            var wrong = await page.EvaluateAsync<string[]>("() => window.__wvtCountWithoutRows");
            Assert.True(wrong.Length == 0, $"count shown over an empty table: {string.Join(" | ", wrong)}; states seen: {string.Join(" | ", seen)}");
            // The count comes in the same update as the first rows, not one round trip to the server after them.
            var late = await page.EvaluateAsync<string[]>("() => window.__wvtRowsWithoutCount");
            Assert.True(late.Length == 0, $"rows shown while the count still said loading: {string.Join(" | ", late)}; states seen: {string.Join(" | ", seen)}");
            Assert.Contains(seen, s => s.StartsWith("rows=", StringComparison.Ordinal) && !s.StartsWith("rows=0", StringComparison.Ordinal));
        });
    }

    private const string CountWatcher = """
        (() => {
            window.__wvtCountStates = [];
            window.__wvtCountWithoutRows = [];
            window.__wvtRowsWithoutCount = [];
            const check = () => {
                const count = document.querySelector("[data-testid='guest-count']");
                if (!count) { return; }
                const rows = document.querySelectorAll("[data-testid^='guest-row-']").length;
                const text = count.textContent.trim();
                const visible = count.offsetParent !== null;
                const state = `rows=${rows} count=${visible ? text : "(hidden)"}`;
                if (window.__wvtCountStates[window.__wvtCountStates.length - 1] !== state) { window.__wvtCountStates.push(state); }
                const claimed = /(\d+) of \d+/.exec(text);
                if (visible && claimed && Number(claimed[1]) > 0 && rows === 0) { window.__wvtCountWithoutRows.push(state); }
                if (rows > 0 && count.dataset.loading) { window.__wvtRowsWithoutCount.push(state); }
            };
            new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
        })();
        """;

    private static async Task RunVirshAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("virsh") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(E2EFixture.LibvirtUri);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"virsh {string.Join(' ', arguments)} failed: {error}");
    }
}
