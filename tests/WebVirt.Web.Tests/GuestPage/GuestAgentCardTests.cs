using System.Globalization;
using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.GuestPage;

using GuestPage = WebVirt.Web.Components.Pages.GuestPage;

/// <summary>The overview's guest agent card: the agent's answers, or why there is no agent and how to get one.</summary>
[Collection(GuestPageCollection.Name)]
public sealed class GuestAgentCardTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    private const long GiB = 1024L * 1024 * 1024;

    private static GuestAgentReport Answer(string hostName) => new(
        new GuestAgentData(
            new GuestAgentOs("debian", "Debian GNU/Linux", "Debian GNU/Linux 12 (bookworm)", "12 (bookworm)", "6.1.0-28-cloud-amd64", "x86_64"),
            hostName,
            "CET",
            3600,
            [new GuestAgentUser("alice", null, new DateTimeOffset(2026, 12, 4, 8, 30, 0, TimeSpan.Zero))],
            [
                new GuestAgentFileSystem("/", "vda1", "ext4", 4 * GiB, 1 * GiB, ["vda"]),
                new GuestAgentFileSystem("/boot/efi", "vda15", "vfat", null, null, []),
            ],
            DateTimeOffset.UtcNow),
        null);

    private IRenderedComponent<GuestPage> RenderPage(GuestDetails details, string role = Roles.Viewer)
    {
        var page = RenderAs<GuestPage>(NewUser(role), role, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, details.Guest.Uuid));
        page.WaitForElement("[data-testid='guest-agent']", TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task The_card_shows_what_the_guest_agent_answers()
    {
        var details = await Fixture.AddGuestAsync("ga-data");
        Fixture.Agent.State.GuestPage.AgentReports[details.Guest.Uuid] = Answer("web-1");

        var page = RenderPage(details);

        page.WaitForElement("[data-testid='guest-agent-hostname']", TimeSpan.FromSeconds(10));
        string Row(string key) => page.Find($"[data-testid='guest-agent-{key}']").TextContent;
        Assert.Contains("web-1", Row("hostname"));
        Assert.Contains("Debian GNU/Linux 12 (bookworm)", Row("os"));
        Assert.Contains("6.1.0-28-cloud-amd64 · x86_64", Row("kernel"));
        Assert.Contains("CET (UTC+01:00)", Row("timezone"));
        var user = page.Find("[data-testid='guest-agent-user']").TextContent;
        Assert.StartsWith("alice, since ", user, StringComparison.Ordinal);
        var rows = page.FindAll("[data-testid='guest-agent-fs']").Select(row => row.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("ext4", rows[0]);
        Assert.Contains("1 GiB / 4 GiB (25%)", rows[0]);
        Assert.Contains("vda", rows[0]);
        Assert.Contains("/boot/efi", rows[1]);
        Assert.Empty(page.FindAll("[data-testid='guest-agent-absent']"));
    }

    [Fact]
    public async Task Without_an_agent_the_card_says_so_with_the_reason_and_how_to_install_one()
    {
        var details = await Fixture.AddGuestAsync("ga-none");

        var page = RenderPage(details);

        var absent = page.WaitForElement("[data-testid='guest-agent-absent']", TimeSpan.FromSeconds(10));
        Assert.Equal("NotConnected", absent.GetAttribute("data-reason"));
        Assert.Contains("The QEMU guest agent is not running in this guest.", absent.TextContent);
        Assert.Contains("not installed in the guest, or not started", page.Find("[data-testid='guest-agent-reason']").TextContent);
        var hint = page.Find("[data-testid='guest-agent-hint']").TextContent;
        Assert.Contains("apt install qemu-guest-agent", hint);
        Assert.Contains("virtio-win", hint);
        Assert.Empty(page.FindAll("[data-testid='guest-agent-hostname']"));
    }

    [Fact]
    public async Task A_guest_that_is_not_running_gets_no_install_hint_and_a_silent_agent_shows_libvirts_words()
    {
        var details = await Fixture.AddGuestAsync("ga-reasons");
        var uuid = details.Guest.Uuid;
        Fixture.Agent.State.GuestPage.AgentReports[uuid] = GuestAgentReport.Missing(GuestAgentAbsence.GuestNotRunning);

        var page = RenderPage(details);

        page.WaitForElement("[data-testid='guest-agent-absent'][data-reason='GuestNotRunning']", TimeSpan.FromSeconds(10));
        Assert.Contains("The guest is not running", page.Find("[data-testid='guest-agent-reason']").TextContent);
        Assert.Empty(page.FindAll("[data-testid='guest-agent-hint']"));

        Fixture.Agent.State.GuestPage.AgentReports[uuid] = GuestAgentReport.Missing(
            GuestAgentAbsence.NotResponding, "Guest agent is not responding: QEMU guest agent is not connected");
        page.Find("[data-testid='guest-agent-refresh']").Click();

        page.WaitForAssertion(() => Assert.Equal("NotResponding", page.Find("[data-testid='guest-agent-absent']").GetAttribute("data-reason")), TimeSpan.FromSeconds(10));
        Assert.Contains("libvirt said: Guest agent is not responding", page.Find("[data-testid='guest-agent-absent']").TextContent);
    }

    [Fact]
    public async Task Refresh_asks_the_agent_again_and_shows_its_new_answer()
    {
        var details = await Fixture.AddGuestAsync("ga-refresh");
        var uuid = details.Guest.Uuid;
        var page = RenderPage(details);
        page.WaitForElement("[data-testid='guest-agent-absent']", TimeSpan.FromSeconds(10));
        var askedBefore = Fixture.Agent.State.GuestPage.AgentAsked[uuid];

        // The agent was installed and started meanwhile.
        Fixture.Agent.State.GuestPage.AgentReports[uuid] = Answer("renamed-host");
        page.Find("[data-testid='guest-agent-refresh']").Click();

        page.WaitForAssertion(() => Assert.Contains("renamed-host", page.Find("[data-testid='guest-agent-hostname']").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal(askedBefore + 1, Fixture.Agent.State.GuestPage.AgentAsked[uuid]);
        Assert.Empty(page.FindAll("[data-testid='guest-agent-absent']"));
    }

    [Fact]
    public async Task The_card_speaks_chinese()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var details = await Fixture.AddGuestAsync("ga-zh");

        var page = RenderPage(details);
        var absent = page.WaitForElement("[data-testid='guest-agent-absent']", TimeSpan.FromSeconds(10));
        Assert.Contains("此虚拟机中未运行 QEMU 客户机代理。", absent.TextContent);
        Assert.Contains("apt install qemu-guest-agent", page.Find("[data-testid='guest-agent-hint']").TextContent);

        Fixture.Agent.State.GuestPage.AgentReports[details.Guest.Uuid] = Answer("web-2");
        page.Find("[data-testid='guest-agent-refresh']").Click();
        page.WaitForElement("[data-testid='guest-agent-hostname']", TimeSpan.FromSeconds(10));
        Assert.Contains("主机名", page.Find("[data-testid='guest-agent-hostname']").TextContent);
        Assert.Contains("CET（UTC+01:00）", page.Find("[data-testid='guest-agent-timezone']").TextContent);
        Assert.StartsWith("alice，自 ", page.Find("[data-testid='guest-agent-user']").TextContent, StringComparison.Ordinal);
    }
}
