using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Audit;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.GuestPage;

[Collection(GuestPageCollection.Name)]
public sealed class GuestEventsTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task State_changes_and_what_users_asked_show_as_one_list_newest_first()
    {
        var details = await Fixture.AddGuestAsync("ev-merge", GuestState.ShutOff);
        var uuid = details.Guest.Uuid;
        // The web's own record of the guest first seen (now, shut off), then two earlier lifecycle events.
        var services = Fixture.Factory.Services;
        var history = services.GetRequiredService<InventoryStore>();
        await GuestPageFixture.EventuallyAsync(() => history.GetHistoryAsync(GuestPageFixture.HostId, uuid, 10, CancellationToken.None).GetAwaiter().GetResult().Count == 1);
        await using (var db = await services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync())
        {
            db.StateChanges.AddRange(
                Change(uuid, T0.AddMinutes(2), GuestState.ShutOff, GuestState.Running, "started", "booted"),
                Change(uuid, T0.AddMinutes(10), GuestState.Running, GuestState.ShutOff, "stopped", "destroyed"));
            await db.SaveChangesAsync();
        }

        var audit = Fixture.Factory.Services.GetRequiredService<AuditLog>();
        var admin = NewUser(Roles.Administrator);
        await audit.WriteAsync(Entry(admin, "start", uuid, T0.AddMinutes(2), AuditEntry.ResultOk));
        await audit.WriteAsync(Entry(admin, "forceoff", uuid, T0.AddMinutes(10), AuditEntry.ResultOk));
        await audit.WriteAsync(Entry("someone-else", "reboot", uuid, T0.AddMinutes(5), AuditEntry.ResultError, "VIR_ERR_OPERATION_INVALID: domain is not running"));
        await audit.WriteAsync(Entry(admin, "start", Guid.NewGuid().ToString(), T0.AddMinutes(3), AuditEntry.ResultOk));

        var panel = RenderAs<GuestEventsPanel>(NewUser(Roles.Viewer), Roles.Viewer, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Guest, details.Guest));

        panel.WaitForAssertion(() => Assert.Equal(6, panel.FindAll("tbody tr").Count), TimeSpan.FromSeconds(10));
        var rows = panel.FindAll("tbody tr").Select(row => (row.GetAttribute("data-testid"), row.TextContent)).ToList();
        Assert.Equal(["guest-event-state", "guest-event-state", "guest-event-audit", "guest-event-audit", "guest-event-state", "guest-event-audit"],
            rows.Select(row => row.Item1));
        Assert.Contains("observed", rows[0].TextContent);
        Assert.Contains("stopped: forced off", rows[1].TextContent);
        Assert.Contains("Running", rows[1].TextContent);
        Assert.Contains(admin, rows[2].TextContent);
        Assert.Contains("forceoff", rows[2].TextContent);
        Assert.Contains("failed", rows[3].TextContent);
        Assert.Contains("domain is not running", rows[3].TextContent);
        Assert.Contains("started: booted", rows[4].TextContent);
    }

    [Fact]
    public async Task Lifecycle_events_the_agent_pushes_are_recorded_under_the_connections_host_and_removal_marks_the_guest()
    {
        var details = await Fixture.AddGuestAsync("ev-pushed", GuestState.ShutOff);
        var uuid = details.Guest.Uuid;
        var history = Fixture.Factory.Services.GetRequiredService<InventoryStore>();
        var at = DateTimeOffset.UtcNow;

        // As the agent does: the state the event states first, then the event; both name another host.
        await Fixture.Agent.Hub.Clients.All.GuestChanged(details.Guest with { State = GuestState.Running, StateReason = "booted", UpdatedAt = at });
        await Fixture.Agent.Hub.Clients.All.GuestEventOccurred(new GuestEvent("someone-else", uuid, "ev-pushed", "started", "booted", at));

        IReadOnlyList<GuestStateChange> changes = [];
        await GuestPageFixture.EventuallyAsync(() =>
        {
            changes = history.GetHistoryAsync(GuestPageFixture.HostId, uuid, 10, CancellationToken.None).GetAwaiter().GetResult();
            return changes.Any(c => c.Event == "started");
        });
        var started = changes.First(c => c.Event == "started");
        Assert.Equal((GuestState.ShutOff, GuestState.Running, "booted"), (started.FromState, started.ToState, started.Reason));
        Assert.Empty(await history.GetHistoryAsync("someone-else", uuid, 10, CancellationToken.None));

        await Fixture.Agent.Hub.Clients.All.GuestRemoved(GuestPageFixture.HostId, uuid);
        await Fixture.Agent.Hub.Clients.All.GuestEventOccurred(new GuestEvent(GuestPageFixture.HostId, uuid, "ev-pushed", "undefined", "removed", at.AddSeconds(1)));
        var contexts = Fixture.Factory.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
        await GuestPageFixture.EventuallyAsync(() =>
        {
            using var db = contexts.CreateDbContext();
            return db.Guests.Any(g => g.HostId == GuestPageFixture.HostId && g.Uuid == Guid.Parse(uuid) && g.RemovedAt != null);
        });
    }

    [Fact]
    public async Task The_lifecycle_buttons_audit_the_guest_they_act_on()
    {
        var details = await Fixture.AddGuestAsync("ev-lifecycle");
        var user = NewUser(Roles.Operator);
        SignIn(user, Roles.Operator);

        var result = await Services.GetRequiredService<IGuestLifecycleGateway>().ActAsync(details.Guest, GuestAction.Reboot);

        Assert.True(result.Ok);
        var entry = Assert.Single(await AuditOfAsync(user));
        Assert.Equal(("reboot", details.Guest.Uuid, "ev-lifecycle"), (entry.Action, entry.TargetGuestUuid, entry.TargetGuestName));
        var forGuest = await Fixture.Factory.Services.GetRequiredService<AuditLog>().ForGuestAsync(GuestPageFixture.HostId, details.Guest.Uuid, 10);
        Assert.Equal(entry.Id, Assert.Single(forGuest).Id);
    }

    [Fact]
    public void At_the_same_instant_the_state_change_comes_before_the_request_that_caused_it()
    {
        var state = new GuestHistoryEntry(T0, GuestState.Running, GuestState.ShutOff, "stopped", "destroyed");
        var request = Entry("bob", "forceoff", "u", T0, AuditEntry.ResultOk);

        var merged = GuestTimelineEntry.Merge([state], [request]);

        Assert.Same(state, merged[0].State);
        Assert.Same(request, merged[1].Audit);
    }

    private static AuditEntry Entry(string user, string action, string uuid, DateTimeOffset at, string result, string? detail = null) => new()
    {
        UserName = user,
        Action = action,
        TargetHost = GuestPageFixture.HostId,
        TargetGuestUuid = uuid,
        TargetGuestName = "ev",
        At = at,
        Result = result,
        Detail = detail,
    };

    private static GuestStateChange Change(string uuid, DateTimeOffset at, GuestState from, GuestState to, string eventName, string reason) => new()
    {
        HostId = GuestPageFixture.HostId,
        Uuid = Guid.Parse(uuid),
        Name = "ev-merge",
        FromState = from,
        ToState = to,
        Event = eventName,
        Reason = reason,
        At = at,
    };
}
