using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
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
        var details = await Fixture.AddGuestAsync("ev-merge");
        var uuid = details.Guest.Uuid;
        Fixture.Agent.State.GuestPage.History[uuid] =
        [
            new GuestHistoryEntry(T0, null, GuestState.ShutOff, "observed", "unknown"),
            new GuestHistoryEntry(T0.AddMinutes(2), GuestState.ShutOff, GuestState.Running, "started", "booted"),
            new GuestHistoryEntry(T0.AddMinutes(10), GuestState.Running, GuestState.ShutOff, "stopped", "destroyed"),
        ];
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
        Assert.Equal(["guest-event-state", "guest-event-audit", "guest-event-audit", "guest-event-state", "guest-event-audit", "guest-event-state"],
            rows.Select(row => row.Item1));
        Assert.Contains("stopped: forced off", rows[0].TextContent);
        Assert.Contains("Running", rows[0].TextContent);
        Assert.Contains(admin, rows[1].TextContent);
        Assert.Contains("forceoff", rows[1].TextContent);
        Assert.Contains("failed", rows[2].TextContent);
        Assert.Contains("domain is not running", rows[2].TextContent);
        Assert.Contains("started: booted", rows[3].TextContent);
        Assert.Contains("observed", rows[5].TextContent);
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
}
