using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A network blip drops the page's circuit socket; the browser reconnects to the same circuit,
/// which the server keeps for a while (WebVirt:DisconnectedCircuitRetentionSeconds), so the page
/// carries on where it was, without a reload.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CircuitReconnectTests(E2EFixture fixture)
{
    // Notes every WebSocket the page opens, so the test can drop the circuit's as a blip would.
    private const string RecordSockets = """
        (() => {
            const Native = window.WebSocket;
            const sockets = window.__wvtSockets = [];
            window.WebSocket = class extends Native {
                constructor(...args) { super(...args); sockets.push(this); }
            };
        })();
        """;

    private const string CircuitSockets = "() => window.__wvtSockets.filter(s => s.url.includes('/_blazor'))";

    [Fact]
    public async Task After_the_circuit_socket_drops_the_page_reconnects_to_its_circuit_without_a_reload()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(After_the_circuit_socket_drops_the_page_reconnects_to_its_circuit_without_a_reload), async () =>
        {
            await page.AddInitScriptAsync(RecordSockets);
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.MarkDocumentAsync(page);
            await page.WaitForFunctionAsync($"() => ({CircuitSockets})().some(s => s.readyState === WebSocket.OPEN)");

            // 4000: a close the transport did not ask for, which SignalR reports as a lost connection.
            await page.EvaluateAsync($"() => ({CircuitSockets})().forEach(s => s.close(4000, 'blip'))");
            await page.WaitForFunctionAsync($"() => ({CircuitSockets})().some(s => s.readyState === WebSocket.OPEN)", null, new() { Timeout = 30_000 });

            // The same circuit answers: the filter is applied on the server and the document was never reloaded.
            await page.Locator("input[data-testid='guest-filter'], [data-testid='guest-filter'] input").FillAsync("no-such-guest-" + TestRun.Id);
            await Expect(page.GetByTestId("guest-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 of [0-9]+ guests$"), PageSteps.Soon);
            Assert.True(await PageSteps.DocumentStillMarkedAsync(page), "the page was reloaded instead of reconnecting to its circuit");
            await PageSteps.ScreenshotAsync(page, "circuit-reconnected");
        });
    }
}
