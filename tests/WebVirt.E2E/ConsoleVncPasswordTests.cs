using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A guest whose VNC server wants a password: the console connects without asking the user, and
/// the password appears nowhere in the page the user can read.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ConsoleVncPasswordTests(E2EFixture fixture) : IAsyncLifetime
{
    // VNC passwords are at most 8 characters; a value that cannot occur in the page by chance.
    private const string VncPassword = "Qz7vN2xp";

    private readonly string _guest = TestRun.GuestName("e2e-vncpw");
    private string _runDirectory = "";

    public async Task InitializeAsync()
    {
        _runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        var xml = XDocument.Parse(TestGuestDomainXml.DirectKernelBoot(_guest, _runDirectory));
        xml.Root!.Element("devices")!.Element("graphics")!.SetAttributeValue("passwd", VncPassword);
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.DefineDomainXml(xml.ToString());
        domain.Create();
    }

    public Task DisposeAsync()
    {
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        {
            try
            {
                using var domain = connection.LookupDomainByName(_guest);
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                domain.Undefine();
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
            {
            }
        }

        Directory.Delete(_runDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_console_opens_a_password_protected_screen_without_showing_the_password()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_console_opens_a_password_protected_screen_without_showing_the_password), async () =>
        {
            await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(_guest, _runDirectory), "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await Expect(page.GetByTestId($"guest-state-{_guest}")).ToHaveTextAsync("Running", PageSteps.Soon);
            await page.GetByTestId($"action-console-{_guest}").ClickAsync();

            // QEMU refuses a wrong or missing password, so reaching "connected" and a drawn banner
            // proves the agent's password reached noVNC.
            await Expect(page.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 30_000 });
            var canvas = page.GetByTestId("console-screen").Locator("canvas");
            await page.WaitForFunctionAsync(
                "c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i + 1] + d[i + 2] > 384) n++; } return n > 500; }",
                await canvas.ElementHandleAsync(), new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "console-vnc-password");

            Assert.DoesNotContain(VncPassword, await page.ContentAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain(VncPassword, await page.EvaluateAsync<string>("() => document.body.innerText"), StringComparison.Ordinal);
        });
    }
}
