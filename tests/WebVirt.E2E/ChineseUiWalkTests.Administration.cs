using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The Chinese walk: storage, networks, hosts, users, the audit log and the own account.</summary>
public sealed partial class ChineseUiWalkTests
{
    private async Task StorageAsync(IPage page, string pool, string volume)
    {
        await page.GotoAsync("/storage");
        await Expect(page.GetByTestId($"pool-row-{pool}")).ToBeVisibleAsync(Shortly);
        await page.GetByTestId("pool-new-panel").ClickAsync();
        await page.GetByTestId("pool-new-name").FillAsync(BadName);
        await page.GetByTestId("pool-new-path").FillAsync("relative/path");
        await page.GetByTestId("pool-new-submit").ClickAsync();
        await Expect(page.GetByTestId("pool-new-error")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "storage: pools, new pool refused");
        await page.GetByTestId($"pool-menu-{pool}").ClickAsync();
        await LookAsync(page, "storage: pool menu");
        await page.Keyboard.PressAsync("Escape");
        await page.GetByTestId($"pool-row-{pool}").ClickAsync();
        await Expect(page.GetByTestId($"volume-row-{volume}")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "storage: volumes and upload", "zh-storage");
        await page.GetByTestId("volume-new-submit").ClickAsync();
        await LookAsync(page, "storage: new volume refused");
        await page.GetByTestId($"volume-resize-{volume}").ClickAsync();
        await LookAsync(page, "storage: resize volume");
        await page.GetByTestId($"volume-delete-{volume}").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "storage: delete volume confirmation");
        await page.GetByTestId("confirm-cancel").ClickAsync();
    }

    private async Task NetworksAsync(IPage page)
    {
        await page.GotoAsync("/networks");
        await Expect(page.GetByTestId("networks-table")).ToBeVisibleAsync(Shortly);
        await page.GetByTestId("network-new-panel").ClickAsync();
        await page.GetByTestId("network-new-name").FillAsync(BadName);
        await page.GetByTestId("network-new-submit").ClickAsync();
        await Expect(page.GetByTestId("network-new-error")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "networks, new network refused", "zh-networks");
        var first = page.Locator("[data-testid^='network-row-']").First;
        if (await first.CountAsync() > 0)
        {
            await first.ClickAsync();
            await LookAsync(page, "network details");
        }
    }

    private async Task HostsAsync(IPage page)
    {
        await page.GotoAsync("/hosts");
        await Expect(page.GetByTestId("host-checks")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "hosts");
        await page.GotoAsync($"/hosts/{fixture.Stack.HostId}");
        await Expect(page.GetByTestId("host-checks")).ToBeVisibleAsync(Shortly);
        // The details arrive after the checks: interfaces, machine types and CPU models.
        await Expect(page.GetByTestId("host-interfaces").Locator("tbody tr").First).ToBeVisibleAsync(Shortly);
        await Expect(page.GetByTestId("host-cpu-models")).Not.ToBeEmptyAsync(new() { Timeout = 30_000 });
        await LookAsync(page, "host page with checks and details", "zh-host");
    }

    private async Task UsersAsync(IPage page, string viewer)
    {
        await page.GotoAsync("/users");
        await page.GetByTestId("new-user-name").FillAsync(BadName);
        await page.GetByTestId("new-user-password").FillAsync("short");
        if (await page.GetByTestId("new-user-submit").IsEnabledAsync())
        {
            await page.GetByTestId("new-user-submit").ClickAsync();
        }

        await LookAsync(page, "users, new user refused");
        await page.GetByTestId("new-user-name").FillAsync(viewer);
        await page.GetByTestId("new-user-password").FillAsync(ViewerPassword);
        await page.GetByTestId("new-user-submit").ClickAsync();
        await Expect(page.GetByTestId($"user-role-{viewer}")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "users", "zh-users");
        await ListAsync(page, "new-user-role", "users: roles");
        await page.GetByTestId($"user-password-{viewer}").ClickAsync();
        await Expect(page.GetByTestId("set-password-dialog")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "users: set password dialog");
        // Too short for the password rules (8 characters): the page reports the refusal once the dialog closes.
        await PageSteps.Field(page, "set-password-value", "input").FillAsync("short");
        await PageSteps.Field(page, "set-password-value", "input").BlurAsync();
        await page.GetByTestId("set-password-ok").ClickAsync();
        await Expect(page.GetByTestId("set-password-dialog")).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await LookAsync(page, "users: set password refused", "zh-set-password");
    }

    private async Task AuditAndAccountAsync(IPage page)
    {
        await page.GotoAsync("/audit");
        await Expect(page.GetByTestId("audit-table")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "audit log", "zh-audit");

        await page.GotoAsync("/account");
        await Expect(page.GetByTestId("password-submit")).ToBeVisibleAsync(Shortly);
        await PageSteps.Field(page, "password-current", "input").FillAsync("not-the-password");
        await PageSteps.Field(page, "password-new", "input").FillAsync("short");
        await PageSteps.Field(page, "password-confirm", "input").FillAsync("different");
        if (await page.GetByTestId("password-submit").IsEnabledAsync())
        {
            await page.GetByTestId("password-submit").ClickAsync();
        }

        await LookAsync(page, "my account, password change refused", "zh-account");

        await page.GotoAsync("/account/two-factor");
        await Expect(page.GetByTestId("two-factor-qr")).ToBeVisibleAsync(Shortly);
        // A wrong code (only one time in a million is 000000 the current one).
        await page.FillAsync("#enrol-code", "000000");
        await page.GetByTestId("two-factor-enable").ClickAsync();
        await Expect(page.GetByTestId("two-factor-error")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "two-factor setup with a refused code", "zh-two-factor");
    }
}
