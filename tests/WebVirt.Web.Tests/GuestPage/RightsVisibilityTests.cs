using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Console;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Tests.GuestPage;

using Dashboard = WebVirt.Web.Components.Pages.Dashboard;

/// <summary>
/// A user with a right on one guest only: the dashboard (list, counts, search), pushed changes, tasks and
/// console tickets of the web app show them that guest and nothing of another one.
/// </summary>
[Collection(GuestPageCollection.Name)]
public sealed class RightsVisibilityTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    [Fact]
    public async Task A_user_with_a_right_on_one_guest_sees_nothing_of_another_on_the_dashboard_even_when_it_changes()
    {
        var mine = (await Fixture.AddGuestAsync("rv-mine")).Guest;
        var hidden = (await Fixture.AddGuestAsync("rv-hidden")).Guest;
        var user = await UserWithGrantAsync($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.ConsoleUser);

        var page = RenderWithClaims<Dashboard>(user);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='guest-row-rv-mine']")), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("rv-hidden", page.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(hidden.Uuid, page.Markup, StringComparison.OrdinalIgnoreCase);

        // A change of the hidden guest is pushed to the console; the page shows nothing of it.
        await Fixture.Agent.Hub.Clients.All.GuestChanged(hidden with { State = GuestState.Paused, Name = "rv-hidden", UpdatedAt = DateTimeOffset.UtcNow });
        var minePaused = mine with { State = GuestState.Paused, UpdatedAt = DateTimeOffset.UtcNow };
        await Fixture.Agent.Hub.Clients.All.GuestChanged(minePaused);
        page.WaitForAssertion(() => Assert.Equal("Paused", page.Find("[data-testid='guest-state-rv-mine']").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("rv-hidden", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_of_a_hidden_guest_do_not_reach_the_panel_but_the_users_own_and_their_guests_do()
    {
        var mine = (await Fixture.AddGuestAsync("rv-task-mine")).Guest;
        var hidden = (await Fixture.AddGuestAsync("rv-task-hidden")).Guest;
        var user = await UserWithGrantAsync($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.Viewer);
        await PushTaskAsync("rvt-mine", mine.Uuid, "admin");
        await PushTaskAsync("rvt-hidden", hidden.Uuid, "admin");
        await PushTaskAsync("rvt-own", null, user.Identity!.Name!);

        var panel = RenderWithClaims<TasksPanel>(user);
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='task-rvt-mine']")), TimeSpan.FromSeconds(10));
        Assert.NotEmpty(panel.FindAll("[data-testid='task-rvt-own']"));
        Assert.DoesNotContain("rvt-hidden", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_console_ticket_is_issued_for_the_granted_guest_only()
    {
        var mine = (await Fixture.AddGuestAsync("rv-console-mine")).Guest;
        var hidden = (await Fixture.AddGuestAsync("rv-console-hidden")).Guest;
        var user = await UserWithGrantAsync($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.ConsoleUser);
        var tickets = Fixture.Factory.Services.GetRequiredService<ConsoleTicketService>();

        var ticket = await tickets.IssueAsync(user, GuestPageFixture.HostId, mine.Uuid, ConsoleEndpoints.Vnc);
        Assert.NotNull(ticket);
        Assert.Null(await tickets.IssueAsync(user, GuestPageFixture.HostId, hidden.Uuid, ConsoleEndpoints.Vnc));
        Assert.Equal(ConsoleTicketCheck.Forbidden, await tickets.RedeemAsync(ticket, user, GuestPageFixture.HostId, hidden.Uuid, ConsoleEndpoints.Vnc));
    }

    [Fact]
    public async Task A_tag_grant_shows_the_guests_with_the_tag_once_their_tags_are_known()
    {
        var tagged = (await Fixture.AddGuestAsync("rv-tagged")).Guest;
        var user = await UserWithGrantAsync("/tags/rv-web", Roles.Viewer);
        var rights = Fixture.Factory.Services.GetRequiredService<RightsEvaluator>();
        Assert.False((await rights.ForAsync(user)).AllowsGuest(Permission.ViewInventory, tagged.HostId, tagged.Uuid));

        Fixture.Factory.Services.GetRequiredService<GuestTagIndex>().Record(tagged.HostId, tagged.Uuid, new GuestNotes("", ["RV-Web"]));
        Assert.True((await rights.ForAsync(user)).AllowsGuest(Permission.ViewInventory, tagged.HostId, tagged.Uuid));
    }

    [Fact]
    public async Task The_wizard_lists_a_template_marked_while_it_is_open()
    {
        var user = await UserWithGrantAsync($"/hosts/{GuestPageFixture.HostId}", Roles.Operator);
        var wizard = RenderWithClaims<CreateGuestPage>(user);
        var popovers = Render<MudBlazor.MudPopoverProvider>();
        wizard.WaitForElement("[data-testid='wizard-next']", TimeSpan.FromSeconds(10));
        string name = "rv-tpl-" + Guid.NewGuid().ToString("N")[..6];

        // A guest marked as template elsewhere (another tab, the API) reaches the open wizard by the inventory's push.
        await Fixture.AddGuestAsync(name, GuestState.ShutOff, details => details with { Guest = details.Guest with { IsTemplate = true } });
        var select = wizard.WaitForElement("[data-testid='wizard-template']", TimeSpan.FromSeconds(10));
        (select.ClassList.Contains("mud-input-control") ? select : select.QuerySelector(".mud-input-control") ?? select.Closest(".mud-input-control") ?? select).MouseDown();
        popovers.WaitForAssertion(() => Assert.Contains(name, popovers.Markup, StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_wizard_offers_no_host_to_a_user_without_the_right_to_create_there()
    {
        var guestOnly = await UserWithGrantAsync($"/hosts/{GuestPageFixture.HostId}/guests/{Guid.NewGuid()}", Roles.Operator);
        var wizard = RenderWithClaims<CreateGuestPage>(guestOnly);
        wizard.WaitForElement("[data-testid='wizard-load-error']", TimeSpan.FromSeconds(10));
        Assert.Empty(wizard.FindAll("[data-testid='wizard-template']"));
    }

    private IRenderedComponent<TComponent> RenderWithClaims<TComponent>(ClaimsPrincipal user)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized(user.Identity!.Name!);
        authorization.SetClaims([.. user.Claims.Where(claim => claim.Type == ClaimTypes.NameIdentifier)]);
        return Render<TComponent>();
    }

    private async Task PushTaskAsync(string target, string? uuid, string userName)
    {
        var task = new AgentTaskInfo("task-" + target + Guid.NewGuid().ToString("N")[..6], GuestPageFixture.HostId, "snapshot", target, uuid,
            AgentTaskState.Succeeded, 100, 0, [], userName, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);
        Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await Fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
    }

    /// <summary>A user without a global role, holding one grant, signed in as the cookie sign-in would (id and name).</summary>
    private async Task<ClaimsPrincipal> UserWithGrantAsync(string path, string role)
    {
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("rv-" + Guid.NewGuid().ToString("N")[..10]);
        Assert.True((await users.CreateAsync(user)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        db.RightsGrants.Add(new RightsGrant { Id = Guid.NewGuid(), UserId = user.Id, Path = path, Role = role, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
        await db.SaveChangesAsync();
        Fixture.Factory.Services.GetRequiredService<RightsEvaluator>().Invalidate();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!)], "test"));
    }
}
