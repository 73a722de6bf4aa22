using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Shared;
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
    public async Task An_operator_saves_notes_in_the_webs_store_and_the_audit_names_the_guest()
    {
        var details = await Fixture.AddGuestAsync("ov-notes");
        var user = NewUser(Roles.Operator);
        var page = RenderPage(user, Roles.Operator, details);

        page.Find(TextBox("guest-notes-description")).Input("Database for the wiki.");
        page.Find(TextBox("guest-notes-tag-input")).Input("prod, wiki");
        page.Find("[data-testid='guest-notes-tag-add']").Click();
        page.Find("[data-testid='guest-tag-ci'] .mud-chip-close-button").Click();
        page.Find("[data-testid='guest-notes-save']").Click();

        var store = Fixture.Factory.Services.GetRequiredService<GuestNotesStore>();
        GuestNote? notes = null;
        await GuestPageFixture.EventuallyAsync(() =>
        {
            notes = store.GetAsync(GuestPageFixture.HostId, Guid.Parse(details.Guest.Uuid), CancellationToken.None).GetAwaiter().GetResult();
            return notes?.UpdatedBy == user;
        });
        Assert.Equal("Database for the wiki.", notes!.Description);
        Assert.Equal(["cache", "prod", "wiki"], notes.Tags.Order());
        // The page read the guest again (after the audit entry was written): the record of who changed the notes shows.
        page.WaitForAssertion(() => Assert.Contains(user, page.Find("[data-testid='guest-notes-updated']").TextContent), TimeSpan.FromSeconds(10));
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("set-guest-notes", AuditEntry.ResultOk), (entry.Action, entry.Result));
        Assert.Equal((GuestPageFixture.HostId, details.Guest.Uuid, "ov-notes"), (entry.TargetHost, entry.TargetGuestUuid, entry.TargetGuestName));
        Assert.Empty(page.FindAll("[data-testid='guest-notes-error']"));
    }

    [Fact]
    public async Task A_refused_save_shows_the_message_in_place_and_keeps_the_text()
    {
        var details = await Fixture.AddGuestAsync("ov-refused");
        var page = RenderPage(NewUser(Roles.Administrator), Roles.Administrator, details);

        page.Find(TextBox("guest-notes-description")).Input("Kept after the refusal.");
        page.Find(TextBox("guest-notes-tag-input")).Input("bad|tag");
        page.Find("[data-testid='guest-notes-tag-add']").Click();
        page.Find("[data-testid='guest-notes-save']").Click();

        page.WaitForAssertion(() => Assert.Contains("Tag “bad|tag” may contain only letters, digits and the characters - _ . / :", page.Find("[data-testid='guest-notes-error']").TextContent),
            TimeSpan.FromSeconds(10));
        Assert.Equal("Kept after the refusal.", page.Find(TextBox("guest-notes-description")).GetAttribute("value"));
        var kept = await Fixture.Factory.Services.GetRequiredService<GuestNotesStore>().GetAsync(GuestPageFixture.HostId, Guid.Parse(details.Guest.Uuid), CancellationToken.None);
        Assert.Equal("Runs the build cache.", kept!.Description);
    }

    [Fact]
    public async Task Notes_are_checked_by_the_web_and_a_refused_edit_keeps_the_old_notes()
    {
        var details = await Fixture.AddGuestAsync("ov-rules");
        SignIn(NewUser(Roles.Operator), Roles.Operator);
        var gateway = Services.GetRequiredService<IGuestPageGateway>();

        var refused = await gateway.SetGuestNotesAsync(details.Guest, new GuestNotes("changed", ["ci", "CI", "two words"]));
        Assert.Equal(ErrorCodes.InputInvalid, refused.ErrorCode);
        Assert.Equal(["Notes.TagDuplicate", "Notes.TagInvalid"], refused.Problems!.Select(p => p.Key));
        var tooLong = await gateway.SetGuestNotesAsync(details.Guest, new GuestNotes(new string('x', 4001), []));
        Assert.Equal(["4000", "4001"], Assert.Single(tooLong.Problems!).Args);
        var missing = await gateway.SetGuestNotesAsync(details.Guest with { Uuid = Guid.NewGuid().ToString() }, new GuestNotes("x", []));
        Assert.Equal(ErrorCodes.GuestMissing, missing.ErrorCode);

        var saved = await gateway.SetGuestNotesAsync(details.Guest, new GuestNotes("Build server\nowner: ops", ["ci", "生产"]));
        Assert.True(saved.Ok, saved.ToString());
        var shown = (await gateway.GetGuestDetailsAsync(GuestPageFixture.HostId, details.Guest.Uuid))!.Notes;
        Assert.Equal("Build server\nowner: ops", shown.Description);
        Assert.Equal(["ci", "生产"], shown.Tags);
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
        var kept = await Fixture.Factory.Services.GetRequiredService<GuestNotesStore>().GetAsync(GuestPageFixture.HostId, Guid.Parse(details.Guest.Uuid), CancellationToken.None);
        Assert.Equal("Runs the build cache.", kept!.Description);
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
    public async Task A_page_whose_browser_is_away_reads_nothing_for_a_push_and_catches_up_once_it_is_back()
    {
        var details = await Fixture.AddGuestAsync("ov-away");
        var page = RenderPage(NewUser(Roles.Viewer), Roles.Viewer, details);
        // The circuit's own handler is the one Blazor calls when the tab's connection drops and comes back.
        var handler = new CircuitConnectionHandler(Services.GetRequiredService<CircuitConnection>());
        await handler.OnConnectionDownAsync(null!, CancellationToken.None);

        var stopped = details.Guest with { State = GuestState.ShutOff, StateReason = "destroyed", UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) };
        Fixture.Agent.State.GuestPage.Details[details.Guest.Uuid] = details with { Guest = stopped, OsVariant = "debian13" };
        await Fixture.Agent.Hub.Clients.All.GuestChanged(stopped);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Guests.Any(g => g.Uuid == details.Guest.Uuid && g.State == GuestState.ShutOff));
        // Long enough for a read and a render at once to land, had the page done them for a browser that is away.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Contains("debian12", page.Find("[data-testid='guest-fact-os']").TextContent);

        await handler.OnConnectionUpAsync(null!, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Contains("debian13", page.Find("[data-testid='guest-fact-os']").TextContent), TimeSpan.FromSeconds(10));
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
