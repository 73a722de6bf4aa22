using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

using Dashboard = WebVirt.Web.Components.Pages.Dashboard;

/// <summary>
/// Pushes reach the dashboard through the web app's own agent connection. Its throttle's timers fire
/// only when the test fires them, so a change shown without firing them was rendered at once.
/// </summary>
[Collection(GuestPageCollection.Name)]
public sealed class DashboardPushTests : GuestPageTestContext
{
    private readonly HeldTimers _timers = new();

    public DashboardPushTests(GuestPageFixture fixture)
        : base(fixture)
    {
        Services.AddSingleton<TimeProvider>(_timers);
    }

    private static string State(IRenderedComponent<Dashboard> page, string name) =>
        page.Find($"[data-testid='guest-state-{name}']").TextContent.Trim();

    private static string Row(IRenderedComponent<Dashboard> page, string name) =>
        page.Find($"[data-testid='guest-row-{name}']").TextContent;

    [Fact]
    public async Task A_new_state_is_shown_at_once_and_a_new_cpu_figure_only_when_the_throttle_fires()
    {
        var details = await Fixture.AddGuestAsync("dash-push");
        var guest = details.Guest;
        var page = RenderAs<Dashboard>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });
        page.WaitForAssertion(() => Assert.Equal("Running", State(page, "dash-push")), TimeSpan.FromSeconds(10));

        var paused = guest with { State = GuestState.Paused, StateReason = "user", UpdatedAt = DateTimeOffset.UtcNow };
        await Fixture.Agent.Hub.Clients.All.GuestChanged(paused);
        page.WaitForAssertion(() => Assert.Equal("Paused", State(page, "dash-push")), TimeSpan.FromSeconds(10));

        var busy = paused with { CpuPercent = 42.5, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) };
        await Fixture.Agent.Hub.Clients.All.GuestChanged(busy);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Guests.Any(g => g.Uuid == guest.Uuid && g.CpuPercent == 42.5));
        // Long enough for a render at once to land, had the figure wrongly been taken for a state.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.DoesNotContain("42.5", Row(page, "dash-push"), StringComparison.Ordinal);

        _timers.FireAll();
        page.WaitForAssertion(() => Assert.Contains("42.5", Row(page, "dash-push"), StringComparison.Ordinal), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_guest_added_or_removed_is_shown_at_once()
    {
        var page = RenderAs<Dashboard>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });
        var details = await Fixture.AddGuestAsync("dash-added");
        page.WaitForAssertion(() => Assert.Equal("Running", State(page, "dash-added")), TimeSpan.FromSeconds(10));

        await Fixture.Agent.Hub.Clients.All.GuestRemoved(GuestPageFixture.HostId, details.Guest.Uuid);
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid='guest-row-dash-added']")), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_page_whose_browser_is_away_renders_no_push_and_renders_once_it_is_back()
    {
        var details = await Fixture.AddGuestAsync("dash-away");
        var guest = details.Guest;
        var page = RenderAs<Dashboard>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });
        page.WaitForAssertion(() => Assert.Equal("Running", State(page, "dash-away")), TimeSpan.FromSeconds(10));
        // The circuit's own handler is the one Blazor calls when the tab's connection drops and comes back.
        var handler = new CircuitConnectionHandler(Services.GetRequiredService<CircuitConnection>());

        await handler.OnConnectionDownAsync(null!, CancellationToken.None);
        await Fixture.Agent.Hub.Clients.All.GuestChanged(guest with { State = GuestState.Paused, StateReason = "user", UpdatedAt = DateTimeOffset.UtcNow });
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Guests.Any(g => g.Uuid == guest.Uuid && g.State == GuestState.Paused));
        _timers.FireAll();
        // Long enough for a render at once to land, had the page rendered for a browser that is away.
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal("Running", State(page, "dash-away"));

        await handler.OnConnectionUpAsync(null!, CancellationToken.None);
        page.WaitForAssertion(() => Assert.Equal("Paused", State(page, "dash-away")), TimeSpan.FromSeconds(10));
    }
}
