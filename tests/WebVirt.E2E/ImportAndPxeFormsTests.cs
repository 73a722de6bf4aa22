using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The wizard's import choice and the Networks page's network boot section, in English and Chinese.</summary>
[Collection(E2ECollection.Name)]
public sealed class ImportAndPxeFormsTests(E2EFixture fixture)
{
    [Theory]
    [InlineData("en-US", "Copy the image", "Network boot (PXE)", "TFTP folder on the host")]
    [InlineData("zh-CN", "复制该镜像", "网络引导（PXE）", "主机上的 TFTP 文件夹")]
    public async Task The_import_choice_and_the_network_boot_section_speak_the_users_language(string locale, string copy, string boot, string folder)
    {
        var page = await PageSteps.NewPageAsync(fixture, locale);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_import_choice_and_the_network_boot_section_speak_the_users_language) + locale, async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync("/guests/new");
            await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("source-import").ClickAsync();
            await Expect(page.GetByTestId("wizard-import-use")).ToContainTextAsync(copy, new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "wizard-import-choice-" + locale);

            await page.GotoAsync("/networks");
            await Expect(page.GetByTestId("networks-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("network-new-panel").ClickAsync();
            await Expect(page.GetByTestId("network-new-boot")).ToContainTextAsync(boot, new() { Timeout = 30_000 });
            // The label, not the hidden input: Playwright then waits for the panel to finish opening.
            await page.GetByTestId("network-new-boot").GetByText(boot, new() { Exact = true }).ClickAsync();
            await Expect(PageSteps.Field(page, "network-new-boot-enable", "input")).ToBeCheckedAsync(new() { Timeout = 10_000 });
            await Expect(page.GetByTestId("network-new-boot")).ToContainTextAsync(folder, new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "networks-boot-section-" + locale);
        });
    }
}
