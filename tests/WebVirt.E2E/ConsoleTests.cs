using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

[Collection(E2ECollection.Name)]
public sealed class ConsoleTests(E2EFixture fixture)
{
    private string Guest => fixture.GuestName;

    [Fact]
    public async Task Console_shows_the_screen_takes_keys_and_runs_the_serial_console()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Console_shows_the_screen_takes_keys_and_runs_the_serial_console), async () =>
            {
                fixture.StartGuest();
                await SerialLog.WaitForAsync(fixture.SerialLogPath, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));

                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
                await page.GetByTestId($"action-console-{Guest}").ClickAsync();

                await Expect(page.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
                // The agent of this machine handed the VNC connection over: the web relays it with no agent in the path.
                await fixture.Stack.Agent.WaitForLogAsync($"Console of guest {GuestUuid()} handed to the web", TimeSpan.FromSeconds(30));
                var canvas = page.GetByTestId("console-screen").Locator("canvas");
                await Expect(canvas).ToBeVisibleAsync();
                // The banner is white text on the black VGA console: wait until the canvas has drawn light pixels.
                await page.WaitForFunctionAsync(LightPixelsOver500, await canvas.ElementHandleAsync(), new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "console");

                // The thumbnail is QEMU's PPM screenshot converted by the agent: a PNG the browser fetched by URL and decoded.
                var thumbnail = page.GetByTestId("console-thumbnail");
                await Expect(thumbnail).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(@"^/screens/[^/]+/[0-9a-f-]+\.png\?v=\d+$"), new() { Timeout = 30_000 });
                await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await thumbnail.ElementHandleAsync(), new() { Timeout = 30_000 });

                await canvas.ClickAsync();
                await TypeUsAsync(page, "echo KEYS$((6*7)) > /dev/ttyS0");
                await page.Keyboard.PressAsync("Enter");
                await SerialLog.WaitForAsync(fixture.SerialLogPath, "KEYS42", TimeSpan.FromSeconds(60));

                await page.GetByTestId("console-paste-text").FillAsync("echo PASTED$((6*7)) > /dev/ttyS0\n");
                await page.GetByTestId("console-paste-send").ClickAsync();
                await SerialLog.WaitForAsync(fixture.SerialLogPath, "PASTED42", TimeSpan.FromSeconds(60));
                await PageSteps.ScreenshotAsync(page, "console-typed");

                await page.GetByRole(AriaRole.Tab, new() { Name = "Serial console" }).ClickAsync();
                await Expect(page.GetByTestId("serial-state")).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = 30_000 });
                await page.GetByTestId("serial-terminal").ClickAsync();
                await page.Keyboard.TypeAsync("echo SERIAL$((6*7))");
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.GetByTestId("serial-terminal").Locator(".xterm-rows")).ToContainTextAsync("SERIAL42", new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "console-serial");

                fixture.DestroyGuest();
                await Expect(page.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "guest-stopped", new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("console-reconnect")).ToBeVisibleAsync();
            });
        }
        finally
        {
            fixture.DestroyGuest();
        }
    }

    private string GuestUuid()
    {
        using var connection = WebVirt.Libvirt.Connection.LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(Guest);
        return domain.Uuid;
    }

    // Counts pixels brighter than mid-grey in the canvas noVNC draws the guest's screen on.
    private const string LightPixelsOver500 = """
        c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
               for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] > 384) n++; } return n > 500; }
        """;

    // Keyboard.TypeAsync sends "K" or "$" without holding Shift. noVNC passes QEMU the physical key
    // (scancode) as a real keyboard would, so the guest sees the unshifted key; a person holds Shift,
    // and so does this: shifted characters of the US layout are pressed as Shift+key.
    private static async Task TypeUsAsync(IPage page, string text)
    {
        const string shiftedSymbols = "$(*)>";
        const string shiftedCodes = "Digit4 Digit9 Digit8 Digit0 Period";
        var codes = shiftedCodes.Split(' ');
        foreach (var ch in text)
        {
            var symbol = shiftedSymbols.IndexOf(ch, StringComparison.Ordinal);
            if (symbol >= 0)
            {
                await page.Keyboard.PressAsync("Shift+" + codes[symbol]);
            }
            else if (char.IsAsciiLetterUpper(ch))
            {
                await page.Keyboard.PressAsync("Shift+Key" + ch);
            }
            else
            {
                await page.Keyboard.TypeAsync(ch.ToString());
            }
        }
    }
}
