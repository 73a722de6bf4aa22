using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The Chinese walk: login, dashboard, the guest page with its dialogs, and the consoles.</summary>
public sealed partial class ChineseUiWalkTests
{
    private async Task LoginPagesAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await Expect(page.GetByTestId("login-submit")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "login", "zh-login");
        await page.FillAsync("#username", "admin");
        await page.FillAsync("#password", "not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();
        await Expect(page.GetByTestId("login-error")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "login refused");
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
    }

    private async Task DashboardAsync(IPage page)
    {
        await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(Shortly);
        await Expect(page.GetByTestId($"host-card-{fixture.Stack.HostId}")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "dashboard", "zh-dashboard");
        await page.GetByTestId("user-menu").ClickAsync();
        await LookAsync(page, "user menu");
        await page.Keyboard.PressAsync("Escape");
    }

    private async Task GuestPageAsync(IPage page)
    {
        await page.GetByTestId($"guest-link-{fixture.GuestName}").ClickAsync();
        await Expect(page.GetByTestId("guest-overview")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "guest overview and notes", "zh-guest-overview");

        await page.GetByTestId("guest-tab-hardware").ClickAsync();
        await Expect(page.GetByTestId("hw-cpu-card")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "guest hardware", "zh-guest-hardware");
        await page.GetByTestId("hw-cpu-edit").ClickAsync();
        await LookAsync(page, "hardware: CPU form");
        await page.GetByTestId("hw-cpu-cancel").ClickAsync();
        await page.GetByTestId("hw-memory-edit").ClickAsync();
        await PageSteps.Field(page, "hw-memory-maximum", "input").FillAsync("0");
        await page.GetByTestId("hw-memory-save").ClickAsync();
        await LookAsync(page, "hardware: memory form with a refused value");
        await page.GetByTestId("hw-memory-cancel").ClickAsync();
        await DialogAsync(page, "hw-disk-add", "hw-disk-add-dialog", "hw-disk-add-cancel", "hardware: add disk dialog");
        await DialogAsync(page, "hw-nic-add", "hw-nic-dialog", "hw-nic-cancel", "hardware: add network card dialog");
        // The test guest boots its kernel directly and may have no disk: these dialogs need one.
        var disks = page.Locator("[data-testid^='hw-disk-row-']");
        if (await disks.CountAsync() > 0)
        {
            var target = (await disks.First.GetAttributeAsync("data-testid"))!["hw-disk-row-".Length..];
            await DialogAsync(page, $"hw-disk-resize-{target}", "hw-disk-resize-dialog", "hw-disk-resize-cancel", "hardware: resize disk dialog");
            await DialogAsync(page, $"hw-disk-settings-{target}", "hw-disk-settings-dialog", "hw-disk-settings-cancel", "hardware: disk settings dialog");
            await DialogAsync(page, $"hw-disk-remove-{target}", "hw-disk-remove-dialog", "hw-disk-remove-cancel", "hardware: remove disk dialog");
        }

        await page.GetByTestId("guest-tab-snapshots").ClickAsync();
        await Expect(page.GetByTestId("snapshots-panel")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "guest snapshots");
        await page.GetByTestId("snapshot-create").ClickAsync();
        await Expect(page.GetByTestId("snapshot-create-dialog")).ToBeVisibleAsync(Shortly);
        await PageSteps.Field(page, "snapshot-name", "input").FillAsync(BadName);
        await page.GetByTestId("snapshot-create-confirm").ClickAsync();
        await LookAsync(page, "snapshot dialog with a refused name");
        await page.GetByTestId("snapshot-create-cancel").ClickAsync();

        await page.GetByTestId("guest-tab-usage").ClickAsync();
        // One line per run of samples: a test that stopped the shared guest earlier leaves more than one.
        await Expect(page.GetByTestId("usage-chart-cpu").Locator("svg path.mud-chart-line")).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await LookAsync(page, "guest usage", "zh-guest-usage");

        await page.GetByTestId("guest-tab-xml").ClickAsync();
        await Expect(page.GetByTestId("guest-xml-persistent")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "guest XML");

        await page.GetByTestId("guest-tab-events").ClickAsync();
        await Expect(page.GetByTestId("guest-events")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "guest events", "zh-guest-events");
    }

    private async Task ConsolePagesAsync(IPage page)
    {
        await page.GetByTestId("guest-console-link").ClickAsync();
        await Expect(page.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 60_000 });
        await LookAsync(page, "console", "zh-console");
        await page.Locator(".mud-tabs-tabbar .mud-tab").Nth(1).ClickAsync();
        await Expect(page.GetByTestId("serial-state")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "serial console");
    }
}
