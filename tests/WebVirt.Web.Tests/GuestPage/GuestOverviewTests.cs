using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.GuestPage;

using GuestPage = WebVirt.Web.Components.Pages.GuestPage;

[Collection(GuestPageCollection.Name)]
public sealed class GuestOverviewTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    private IRenderedComponent<GuestPage> RenderPage(string user, string role, GuestDetails details)
    {
        var page = RenderAs<GuestPage>(user, role, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, details.Guest.Uuid));
        page.WaitForElement("[data-testid='guest-overview']", TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public async Task The_overview_shows_what_the_agent_reports_in_words()
    {
        var details = await Fixture.AddGuestAsync("ov-facts");

        var page = RenderPage(NewUser(Roles.Viewer), Roles.Viewer, details);

        string Fact(string key) => page.Find($"[data-testid='guest-fact-{key}']").TextContent;
        Assert.Equal("ov-facts", page.Find("[data-testid='guest-title']").TextContent.Trim());
        Assert.Contains("Running", Fact("state"));
        Assert.Contains("debian12", Fact("os"));
        Assert.Contains("UEFI", Fact("firmware"));
        Assert.Contains("pc-q35-8.2", Fact("machine"));
        Assert.Contains("host-model", Fact("cpu-mode"));
        Assert.Contains("Emulation", Fact("domain-type"));
        Assert.Contains("Yes", Fact("autostart"));
        Assert.Contains("2 of 4", Fact("vcpus"));
        Assert.Contains("1 sockets × 2 cores × 2 threads", Fact("vcpus"));
        Assert.Contains("2 GiB (maximum 4 GiB)", Fact("memory"));
        Assert.Contains("next boot: 3 GiB (maximum 4 GiB)", Fact("memory"));
        Assert.Contains("installed from ISO /isos/debian-12.iso, by alice", Fact("created"));
        Assert.Contains("VNC, serial", Fact("console"));
        var address = page.Find("[data-testid='guest-address-192.168.122.45']").TextContent;
        Assert.Contains("192.168.122.45/24", address);
        Assert.Contains("DHCP lease", address);
        Assert.Equal(["cache", "ci"], page.FindAll("[data-testid^='guest-tag-']").Select(chip => chip.TextContent.Trim()).Order());
        Assert.Contains("Runs the build cache.", page.Find(TextBox("guest-notes-description")).GetAttribute("value") ?? page.Find(TextBox("guest-notes-description")).TextContent);
    }

    [Fact]
    public async Task Viewers_see_the_notes_read_only()
    {
        var details = await Fixture.AddGuestAsync("ov-viewer");

        var page = RenderPage(NewUser(Roles.Viewer), Roles.Viewer, details);

        Assert.Empty(page.FindAll("[data-testid='guest-notes-save']"));
        Assert.Empty(page.FindAll("[data-testid='guest-notes-tag-input']"));
        Assert.True(page.Find(TextBox("guest-notes-description")).HasAttribute("readonly"));
        Assert.Empty(page.FindAll("[data-testid^='action-']"));
    }

    [Fact]
    public async Task An_operator_saves_notes_through_the_agent_and_the_audit_names_the_guest()
    {
        var details = await Fixture.AddGuestAsync("ov-notes");
        var user = NewUser(Roles.Operator);
        var page = RenderPage(user, Roles.Operator, details);

        page.Find(TextBox("guest-notes-description")).Input("Database for the wiki.");
        page.Find(TextBox("guest-notes-tag-input")).Input("prod, wiki");
        page.Find("[data-testid='guest-notes-tag-add']").Click();
        page.Find("[data-testid='guest-tag-ci'] .mud-chip-close-button").Click();
        page.Find("[data-testid='guest-notes-save']").Click();

        await GuestPageFixture.EventuallyAsync(() => Fixture.Agent.State.GuestPage.NotesSaved.Any(saved => saved.Uuid == details.Guest.Uuid));
        var (_, notes, by) = Fixture.Agent.State.GuestPage.NotesSaved.Single(saved => saved.Uuid == details.Guest.Uuid);
        Assert.Equal("Database for the wiki.", notes.Description);
        Assert.Equal(["cache", "prod", "wiki"], notes.Tags.Order());
        Assert.Equal(user, by);
        // The page read the guest again (after the audit entry was written): the agent's record of who changed the notes shows.
        page.WaitForAssertion(() => Assert.Contains(user, page.Find("[data-testid='guest-notes-updated']").TextContent), TimeSpan.FromSeconds(10));
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("set-guest-notes", AuditEntry.ResultOk), (entry.Action, entry.Result));
        Assert.Equal((GuestPageFixture.HostId, details.Guest.Uuid, "ov-notes"), (entry.TargetHost, entry.TargetGuestUuid, entry.TargetGuestName));
        Assert.Empty(page.FindAll("[data-testid='guest-notes-error']"));
    }

    [Fact]
    public async Task A_refused_save_shows_the_agents_message_in_place_and_keeps_the_text()
    {
        var details = await Fixture.AddGuestAsync("ov-refused");
        Fixture.Agent.State.GuestPage.NotesResult = ActionResult.Refused([new ProblemDto("Tags", "Notes.TagLength", ["a-very-long-tag", "32"])]);
        try
        {
            var page = RenderPage(NewUser(Roles.Administrator), Roles.Administrator, details);

            page.Find(TextBox("guest-notes-description")).Input("Kept after the refusal.");
            page.Find("[data-testid='guest-notes-save']").Click();

            page.WaitForAssertion(() => Assert.Contains("Tag “a-very-long-tag” must be 1 to 32 characters long.", page.Find("[data-testid='guest-notes-error']").TextContent),
                TimeSpan.FromSeconds(10));
            Assert.Equal("Kept after the refusal.", page.Find(TextBox("guest-notes-description")).GetAttribute("value"));
        }
        finally
        {
            Fixture.Agent.State.GuestPage.NotesResult = null;
        }
    }

    [Fact]
    public async Task A_viewer_is_refused_by_the_service_too_and_the_refusal_is_audited()
    {
        var details = await Fixture.AddGuestAsync("ov-forbidden");
        var user = NewUser(Roles.Viewer);
        SignIn(user, Roles.Viewer);
        var gateway = Services.GetRequiredService<IGuestPageGateway>();

        var result = await gateway.SetGuestNotesAsync(details.Guest, new GuestNotes("sneaky", ["x"]));

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        Assert.DoesNotContain(Fixture.Agent.State.GuestPage.NotesSaved, saved => saved.Uuid == details.Guest.Uuid);
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("set-guest-notes", AuditEntry.ResultError, details.Guest.Uuid), (entry.Action, entry.Result, entry.TargetGuestUuid));
    }

    [Fact]
    public async Task A_changed_row_pushed_by_the_agent_makes_the_page_read_the_details_again()
    {
        var details = await Fixture.AddGuestAsync("ov-pushed");
        var page = RenderPage(NewUser(Roles.Viewer), Roles.Viewer, details);
        Assert.Contains("debian12", page.Find("[data-testid='guest-fact-os']").TextContent);

        var stopped = details.Guest with { State = GuestState.ShutOff, StateReason = "destroyed", UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) };
        Fixture.Agent.State.GuestPage.Details[details.Guest.Uuid] = details with { Guest = stopped, OsVariant = "debian13", Addresses = [] };
        await Fixture.Agent.Hub.Clients.All.GuestChanged(stopped);

        page.WaitForAssertion(() =>
        {
            Assert.Contains("debian13", page.Find("[data-testid='guest-fact-os']").TextContent);
            Assert.Contains("Shut off", page.Find("[data-testid='guest-fact-state']").TextContent);
            Assert.NotEmpty(page.FindAll("[data-testid='guest-addresses-none']"));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Each_tab_is_there_and_the_hardware_and_snapshot_tabs_wait_for_their_panels()
    {
        var details = await Fixture.AddGuestAsync("ov-tabs");
        var page = RenderPage(NewUser(Roles.Operator), Roles.Operator, details);

        foreach (var tab in new[] { "overview", "usage", "hardware", "snapshots", "xml", "events" })
        {
            Assert.Single(page.FindAll($"[data-testid='guest-tab-{tab}']"));
        }

        Assert.Single(page.FindAll($"[data-testid='action-shutdown-ov-tabs']"));
        Assert.Equal($"/guests/{GuestPageFixture.HostId}/{details.Guest.Uuid}/console", page.Find("[data-testid='guest-console-link']").GetAttribute("href"));
        page.Find("[data-testid='guest-tab-events']").Click();
        page.WaitForElement("[data-testid='guest-events']");
    }

    [Fact]
    public void An_unknown_guest_says_so()
    {
        var page = RenderAs<GuestPage>(NewUser(Roles.Viewer), Roles.Viewer, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, "00000000-0000-0000-0000-000000000000"));

        Assert.Contains("has no guest", page.Find("[data-testid='guest-not-found']").TextContent);
    }
}
