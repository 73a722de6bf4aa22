using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The creation wizard in Simplified Chinese, installing from a network tree on a loopback mirror:
/// a tree without an installer is refused at its URL field in Chinese, and the refusal goes as soon
/// as the URL is changed; the guest then boots the tree's installer (the test guest's kernel).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class NetworkInstallWizardTests(E2EFixture fixture)
{
    private static readonly string Guest = TestRun.GuestName("wiz-netinst");

    [Fact]
    public async Task The_chinese_wizard_refuses_a_tree_without_installer_then_installs_from_a_good_one()
    {
        var tree = InstallTreeServer.TestGuestTree("fedora/");
        tree["empty/README"] = () => new MemoryStream("nothing here"u8.ToArray());
        await using var mirror = new InstallTreeServer(tree);
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(The_chinese_wizard_refuses_a_tree_without_installer_then_installs_from_a_good_one), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GetByTestId("language-menu").ClickAsync();
                await page.GetByTestId("language-zh-Hans").ClickAsync();
                await Expect(page.Locator("body")).ToContainTextAsync("虚拟机", new() { Timeout = 15_000 });
                await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);

                await page.GetByTestId("create-guest").ClickAsync();
                await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("source-url").ClickAsync();
                var url = PageSteps.Field(page, "wizard-url", "input");
                await url.FillAsync(mirror.Url("empty/"));
                await page.GetByTestId("wizard-next").ClickAsync();
                var refusal = page.Locator(".mud-input-helper-text.mud-input-error").Filter(new() { HasText = "找不到安装程序内核" });
                await Expect(refusal).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "wizard-zh-1-url-refused");

                await url.FillAsync(mirror.Url("fedora/"));
                await url.BlurAsync();
                await Expect(refusal).ToHaveCountAsync(0, new() { Timeout = 10_000 });
                await PageSteps.Field(page, "wizard-kernel-args", "input").FillAsync(TestGuestDomainXml.KernelCommandLine);
                await PageSteps.ScreenshotAsync(page, "wizard-zh-1-source");
                await page.GetByTestId("wizard-next").ClickAsync();

                await Expect(PageSteps.Field(page, "wizard-os", "input")).ToBeVisibleAsync();
                await page.GetByTestId("wizard-next").ClickAsync();

                await PageSteps.Field(page, "wizard-name", "input").FillAsync(Guest);
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                await page.GetByTestId("disk-none").ClickAsync();
                await PageSteps.ScreenshotAsync(page, "wizard-zh-3-resources");
                await page.GetByTestId("wizard-next").ClickAsync();

                await page.GetByTestId("net-none").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync();
                await page.GetByTestId("wizard-next").ClickAsync();

                var xml = PageSteps.Field(page, "wizard-xml", "textarea");
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("inst\\.repo=" + System.Text.RegularExpressions.Regex.Escape(mirror.Url("fedora/"))));
                await PageSteps.ScreenshotAsync(page, "wizard-zh-6-summary");
                await page.GetByTestId("wizard-create").ClickAsync();

                await Expect(page.GetByTestId($"guest-state-{Guest}")).ToHaveTextAsync("运行中", new() { Timeout = 60_000 });
                // The task panel re-renders on the agent's pushes, in the page's language.
                await Expect(page.GetByTestId("tasks-panel")).ToContainTextAsync("任务");
                await Expect(page.GetByTestId($"task-{Guest}").GetByTestId("task-state")).ToHaveTextAsync("完成", new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "wizard-zh-7-dashboard-running");
                Assert.Contains("fedora/images/pxeboot/initrd.img", mirror.Requests);

                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var domain = connection.LookupDomainByName(Guest);
                Assert.Null(System.Xml.Linq.XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!.Element("os")!.Element("kernel"));
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: Guest);
        }
    }
}
