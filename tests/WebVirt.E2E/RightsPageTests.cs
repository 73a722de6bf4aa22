using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// An administrator makes a group and a custom role on the Rights page, grants the role on the host to the
/// group, sees a refused grant's reason, and reads the effective rights; in English and in Chinese.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class RightsPageTests(E2EFixture fixture)
{
    [Theory]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    public async Task An_administrator_grants_a_role_to_a_group_on_a_host_on_the_rights_page(string locale, string culture)
    {
        var page = await PageSteps.NewPageAsync(fixture, locale);
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = fixture.Stack.WebUrl }]);
        await PageSteps.WithFailureScreenshotAsync(page, "rights-" + culture, async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync("/rights");
            await Expect(page.GetByTestId("grant-submit")).ToBeVisibleAsync(new() { Timeout = 30_000 });

            // Nothing chosen yet: refused with the reason, and no grant is made.
            await page.GetByTestId("grant-submit").ClickAsync();
            await Expect(page.GetByTestId("rights-error")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, $"wvt-rights-refused-{culture}");

            var group = "ops-" + TestRun.Id + culture[..2];
            await page.GetByRole(Microsoft.Playwright.AriaRole.Tab).Nth(1).ClickAsync();
            await PageSteps.Field(page, "group-name", "input").FillAsync(group);
            await page.GetByTestId("group-create").ClickAsync();
            await Expect(page.GetByTestId("group-" + group)).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ChooseAsync(page, "group-add-" + group, "admin");
            await Expect(page.GetByTestId("group-" + group)).ToContainTextAsync("admin", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, $"wvt-rights-groups-{culture}");

            await page.GetByRole(Microsoft.Playwright.AriaRole.Tab).Nth(0).ClickAsync();
            await PageSteps.ChooseAsync(page, "grant-principal-kind", culture == "en" ? "Group" : "用户组");
            await PageSteps.ChooseAsync(page, "grant-principal", group);
            await PageSteps.ChooseAsync(page, "grant-path-kind", culture == "en" ? "Host" : "主机");
            await PageSteps.ChooseAsync(page, "grant-role", culture == "en" ? "Viewer" : "只读用户");
            await page.GetByTestId("grant-submit").ClickAsync();
            await Expect(page.GetByTestId("grants-table")).ToContainTextAsync($"/hosts/{fixture.Stack.HostId}", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, $"wvt-rights-grants-{culture}");

            await page.GetByRole(Microsoft.Playwright.AriaRole.Tab).Nth(3).ClickAsync();
            await PageSteps.ChooseAsync(page, "effective-user", "admin");
            await Expect(page.GetByTestId("effective-table")).ToContainTextAsync(group, new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, $"wvt-rights-effective-{culture}");
        });
    }
}
