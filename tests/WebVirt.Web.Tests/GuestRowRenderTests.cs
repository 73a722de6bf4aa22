using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests;

/// <summary>
/// A push that changes only a guest's CPU % (every running guest's, on every poll) renders that figure and
/// not the row's link, checkbox and buttons; anything else the row shows renders the row.
/// </summary>
public sealed class GuestRowRenderTests : MudTestContext
{
    private readonly IReadOnlyList<GuestInfo> _guests =
    [
        Guest("web01", GuestState.Running, cpu: 12.5),
        Guest("db01", GuestState.ShutOff, autostart: true),
    ];

    public GuestRowRenderTests()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("op");
        authorization.SetRoles(Roles.Administrator);
    }

    private IRenderedComponent<GuestTable> RenderTable() => Render<GuestTable>(parameters => parameters
        .Add(table => table.Guests, _guests)
        .Add(table => table.Rights, GlobalRights.Of(Roles.Administrator))
        .Add(table => table.HostNames, new Dictionary<string, string> { ["h1"] = "alpha" }));

    private static IReadOnlyList<GuestInfo> With(IReadOnlyList<GuestInfo> guests, string name, Func<GuestInfo, GuestInfo> change) =>
        [.. guests.Select(guest => guest.Name == name ? change(guest) : guest)];

    private static IRenderedComponent<GuestActionButtons> ButtonsOf(IRenderedComponent<GuestTable> table, string name) =>
        table.FindComponents<GuestActionButtons>().Single(buttons => buttons.Instance.Guest.Name == name);

    [Fact]
    public void A_new_cpu_figure_is_shown_without_rendering_the_rows_buttons()
    {
        var table = RenderTable();
        var buttons = ButtonsOf(table, "web01");
        var renders = buttons.RenderCount;

        var busier = With(_guests, "web01", guest => guest with { CpuPercent = 87.5, UpdatedAt = guest.UpdatedAt.AddSeconds(2) });
        table.Render(parameters => parameters.Add(t => t.Guests, busier));

        Assert.Contains("87.5 %", table.Find("[data-testid='guest-row-web01']").TextContent, StringComparison.Ordinal);
        Assert.Equal(renders, buttons.RenderCount);
    }

    [Fact]
    public void A_new_state_renders_the_row_and_its_buttons_follow_it()
    {
        var table = RenderTable();
        var buttons = ButtonsOf(table, "web01");
        var renders = buttons.RenderCount;

        var paused = With(_guests, "web01", guest => guest with { State = GuestState.Paused, CpuPercent = 0.5 });
        table.Render(parameters => parameters.Add(t => t.Guests, paused));

        Assert.True(buttons.RenderCount > renders);
        Assert.Equal("Paused", table.Find("[data-testid='guest-state-web01']").TextContent.Trim());
        Assert.Single(table.FindAll("[data-testid='action-resume-web01']"));
        Assert.Contains("0.5 %", table.Find("[data-testid='guest-row-web01']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_guest_becoming_busy_renders_its_row_though_its_figures_are_the_same()
    {
        var table = RenderTable();
        var buttons = ButtonsOf(table, "web01");
        var renders = buttons.RenderCount;

        table.Render(parameters => parameters.Add(t => t.BusyGuests, new HashSet<GuestKey> { GuestKey.Of(_guests[0]) }));

        Assert.True(buttons.RenderCount > renders);
        Assert.True(table.Find("[data-testid='action-shutdown-web01']").HasAttribute("disabled"));
    }
}
