using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The Chinese walk: every step of the create-guest wizard, the guest it makes, its task, and the clone and delete dialogs.</summary>
public sealed partial class ChineseUiWalkTests
{
    private async Task WizardAsync(IPage page)
    {
        await page.GotoAsync("/guests/new");
        await Expect(page.GetByTestId("wizard")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: source", "zh-wizard");
        foreach (var source in new[] { "source-iso", "source-url", "source-import", "source-pxe" })
        {
            await page.GetByTestId(source).ClickAsync();
            await LookAsync(page, $"create guest: {source}", source == "source-url" ? "zh-wizard-url" : null);
        }

        // Network boot needs no source, so the walk goes on from it.
        await page.GetByTestId("wizard-next").ClickAsync();
        var os = PageSteps.Field(page, "wizard-os", "input");
        await Expect(os).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: operating system");
        await os.FillAsync("Debian 11");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "debian11" }).First.ClickAsync();
        await Expect(page.GetByTestId("wizard-os-recommended")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: operating system chosen");
        await page.GetByTestId("wizard-next").ClickAsync();

        var name = PageSteps.Field(page, "wizard-name", "input");
        await Expect(name).ToBeVisibleAsync(Shortly);
        await name.FillAsync(BadName);
        await PageSteps.Field(page, "wizard-memory", "input").FillAsync("0");
        await page.GetByTestId("wizard-next").ClickAsync();
        await Expect(page.GetByTestId("wizard-fix")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: resources refused", "zh-wizard-refused");
        await name.FillAsync(_wizardGuest);
        await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
        await LookAsync(page, "create guest: resources with a new disk");
        await page.GetByTestId("disk-none").ClickAsync();
        await LookAsync(page, "create guest: resources");
        await page.GetByTestId("wizard-next").ClickAsync();

        await Expect(page.GetByTestId("net-none")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: network", "zh-wizard-network");
        await ListAsync(page, "wizard-nic-model", "create guest: network card models");
        await page.GetByTestId("net-bridge").ClickAsync();
        await LookAsync(page, "create guest: network on a bridge");
        await page.GetByTestId("net-none").ClickAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: system", "zh-wizard-system");
        await ListAsync(page, "wizard-cpu-mode", "create guest: CPU modes");
        // Not started: the walk opens the clone dialog on it, which a running guest does not offer.
        await PageSteps.Field(page, "wizard-start", "input").UncheckAsync();
        await page.GetByTestId("wizard-next").ClickAsync();

        await Expect(page.GetByTestId("wizard-summary")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "create guest: summary", "zh-wizard-summary");
        await page.GetByTestId("wizard-create").ClickAsync();
    }

    /// <summary>The guest the wizard made: its finished task on the dashboard, then the clone and delete dialogs; the delete is carried out.</summary>
    private async Task CreatedGuestAsync(IPage page)
    {
        var task = page.GetByTestId($"task-{_wizardGuest}");
        await Expect(task.GetByTestId("task-finished")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(page.GetByTestId($"action-clone-{_wizardGuest}")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await task.GetByTestId("task-state").ClickAsync();
        await Expect(task.GetByTestId("task-log")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "dashboard with a finished task", "zh-dashboard-task");

        await page.GetByTestId($"action-clone-{_wizardGuest}").ClickAsync();
        await Expect(page.GetByTestId("clone-dialog")).ToBeVisibleAsync(Shortly);
        await PageSteps.Field(page, "clone-name", "input").FillAsync(BadName);
        await PageSteps.Field(page, "clone-name", "input").BlurAsync();
        await LookAsync(page, "clone dialog with a refused name", "zh-clone");
        await page.GetByTestId("clone-cancel").ClickAsync();
        await Expect(page.GetByTestId("clone-dialog")).ToHaveCountAsync(0, new() { Timeout = 10_000 });

        await page.GetByTestId($"action-delete-{_wizardGuest}").ClickAsync();
        await Expect(page.GetByTestId("delete-no-disks").Or(page.GetByTestId("delete-disks-table"))).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "delete guest dialog", "zh-delete");
        await PageSteps.Field(page, "delete-confirm-name", "input").FillAsync(_wizardGuest);
        await page.GetByTestId("delete-ok").ClickAsync();
        await Expect(page.GetByTestId($"guest-row-{_wizardGuest}")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await LookAsync(page, "dashboard after the delete");
    }
}
