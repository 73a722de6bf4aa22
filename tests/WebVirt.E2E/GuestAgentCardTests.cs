using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The guest page's guest agent card with the real agent: a test guest with the agent channel runs
/// Debian's qemu-ga, and the card shows its host name, OS, time zone and file system, in English
/// and Chinese; screenshots of both.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class GuestAgentCardTests(E2EFixture fixture)
{
    private static readonly LocatorAssertionsToContainTextOptions Boot = new() { Timeout = 180_000 };

    [Fact]
    public async Task The_overview_shows_what_the_guest_agent_reports()
    {
        string name = TestRun.GuestName("e2e-agent");
        string runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        string uuid;
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        {
            var xml = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, runDirectory));
            xml.Element("devices")!.Add(new XElement(
                "channel",
                new XAttribute("type", "unix"),
                new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))));
            using var domain = connection.DefineDomainXml(xml.ToString());
            uuid = domain.Uuid;
            domain.Create();
        }

        try
        {
            foreach ((string locale, string hostLabel) in new[] { ("en-US", "Host name"), ("zh-CN", "主机名") })
            {
                var page = await PageSteps.NewPageAsync(fixture, locale);
                await PageSteps.WithFailureScreenshotAsync(page, nameof(The_overview_shows_what_the_guest_agent_reports) + locale, async () =>
                {
                    await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                    await page.GotoAsync($"/guests/{fixture.Stack.HostId}/{uuid}");
                    var card = page.GetByTestId("guest-agent");
                    await Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });

                    // Until qemu-ga has opened its port the card says the agent is not running; ask again.
                    var hostName = page.GetByTestId("guest-agent-hostname");
                    var deadline = DateTime.UtcNow.AddMinutes(3);
                    while (await hostName.CountAsync() == 0 && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(2000);
                        await page.GetByTestId("guest-agent-refresh").ClickAsync();
                    }

                    await Expect(hostName).ToContainTextAsync("webvirt-testguest", Boot);
                    await Expect(hostName).ToContainTextAsync(hostLabel);
                    await Expect(page.GetByTestId("guest-agent-os")).ToContainTextAsync("WebVirt test guest (busybox)");
                    await Expect(page.GetByTestId("guest-agent-timezone")).ToContainTextAsync("CET");
                    await Expect(page.GetByTestId("guest-agent-fs").Filter(new() { HasText = "/data" })).ToContainTextAsync("ext2");
                    await card.ScrollIntoViewIfNeededAsync();
                    await card.ScreenshotAsync(new LocatorScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "guest-agent-card-" + locale + ".png") });
                    await PageSteps.ScreenshotAsync(page, "guest-overview-agent-" + locale);
                });
                await page.Context.CloseAsync();
            }
        }
        finally
        {
            using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
            using var domain = connection.LookupDomainByName(name);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
            Directory.Delete(runDirectory, recursive: true);
        }
    }
}
