using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Security;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

public sealed class GuestTableTests : MudTestContext
{
    private static readonly string[] ActionSlugs = ["start", "shutdown", "forceoff", "reboot", "reset", "pause", "resume", "autostart"];

    private readonly IReadOnlyList<GuestInfo> _guests =
    [
        Guest("web01", GuestState.Running, cpu: 12.5),
        Guest("db01", GuestState.ShutOff, autostart: true),
        Guest("build", GuestState.Paused),
    ];

    private IRenderedComponent<GuestTable> RenderAs(string role, IReadOnlyList<GuestInfo>? guests = null)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("someone");
        authorization.SetRoles(role);
        return Render<GuestTable>(parameters => parameters
            .Add(table => table.Guests, guests ?? _guests)
            .Add(table => table.Rights, GlobalRights.Of(role))
            .Add(table => table.HostNames, new Dictionary<string, string> { ["h1"] = "alpha" }));
    }

    [Fact]
    public void RendersOneRowPerGuestWithItsLocalizedState()
    {
        var table = RenderAs(Roles.Viewer);

        Assert.Equal(3, table.FindAll("tr[data-testid^='guest-row-']").Count);
        Assert.Equal("Running", table.Find("[data-testid='guest-state-web01']").TextContent.Trim());
        Assert.Equal("Shut off", table.Find("[data-testid='guest-state-db01']").TextContent.Trim());
        Assert.Equal("Paused", table.Find("[data-testid='guest-state-build']").TextContent.Trim());
        Assert.Contains("alpha", table.Find("[data-testid='guest-row-web01']").TextContent);
        Assert.Contains("2 GiB", table.Find("[data-testid='guest-row-web01']").TextContent);
        Assert.Contains("12.5", table.Find("[data-testid='guest-row-web01']").TextContent);
    }

    [Fact]
    public void StateTextFollowsTheUiLanguage()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var table = RenderAs(Roles.Viewer);
        Assert.Equal("运行中", table.Find("[data-testid='guest-state-web01']").TextContent.Trim());
    }

    [Fact]
    public void ViewerSeesNoActionButtons()
    {
        var table = RenderAs(Roles.Viewer);

        foreach (var guest in _guests)
        {
            foreach (var slug in ActionSlugs)
            {
                Assert.Empty(table.FindAll($"[data-testid='action-{slug}-{guest.Name}']"));
            }
        }

        Assert.Empty(table.FindAll("[data-testid^='action-']"));
    }

    [Fact]
    public void OperatorSeesStartOnlyForTheShutOffGuest()
    {
        var table = RenderAs(Roles.Operator);

        Assert.Single(table.FindAll("[data-testid='action-start-db01']"));
        Assert.Empty(table.FindAll("[data-testid='action-start-web01']"));
        Assert.Empty(table.FindAll("[data-testid='action-start-build']"));
        Assert.Empty(table.FindAll("[data-testid='action-shutdown-db01']"));
        Assert.Empty(table.FindAll("[data-testid='action-forceoff-db01']"));
    }

    [Fact]
    public void OperatorSeesTheActionsThatFitEachState()
    {
        var table = RenderAs(Roles.Operator);

        foreach (var slug in new[] { "shutdown", "reboot", "forceoff", "reset", "pause" })
        {
            Assert.Single(table.FindAll($"[data-testid='action-{slug}-web01']"));
        }

        Assert.Empty(table.FindAll("[data-testid='action-resume-web01']"));
        Assert.Single(table.FindAll("[data-testid='action-resume-build']"));
        Assert.Empty(table.FindAll("[data-testid='action-pause-build']"));
        Assert.Single(table.FindAll("[data-testid='action-autostart-db01']"));
    }

    [Fact]
    public void ClickingAButtonRaisesTheRequestedAction()
    {
        GuestActionRequest? requested = null;
        var authorization = AddAuthorization();
        authorization.SetAuthorized("op");
        authorization.SetRoles(Roles.Operator);
        var table = Render<GuestTable>(parameters => parameters
            .Add(t => t.Guests, _guests)
            .Add(t => t.Rights, GlobalRights.Of(Roles.Operator))
            .Add(t => t.OnAction, (GuestActionRequest request) => requested = request));

        table.Find("[data-testid='action-start-db01']").Click();

        Assert.NotNull(requested);
        Assert.Equal("db01", requested.Guest.Name);
        Assert.Equal(GuestAction.Start, requested.Action);
    }

    [Fact]
    public void AutostartButtonTurnsAutostartOffWhenItIsOn()
    {
        GuestActionRequest? requested = null;
        var authorization = AddAuthorization();
        authorization.SetAuthorized("op");
        authorization.SetRoles(Roles.Administrator);
        var table = Render<GuestTable>(parameters => parameters
            .Add(t => t.Guests, _guests)
            .Add(t => t.Rights, GlobalRights.Of(Roles.Administrator))
            .Add(t => t.OnAction, (GuestActionRequest request) => requested = request));

        table.Find("[data-testid='action-autostart-db01']").Click();

        Assert.Equal(GuestAction.AutostartOff, requested?.Action);
    }

    [Fact]
    public void BusyGuestHasItsButtonsDisabled()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("op");
        authorization.SetRoles(Roles.Operator);
        var busy = _guests.Single(guest => guest.Name == "web01");
        var table = Render<GuestTable>(parameters => parameters
            .Add(t => t.Guests, _guests)
            .Add(t => t.Rights, GlobalRights.Of(Roles.Operator))
            .Add(t => t.BusyGuests, new HashSet<GuestKey> { GuestKey.Of(busy) }));

        Assert.True(table.Find("[data-testid='action-shutdown-web01']").HasAttribute("disabled"));
        Assert.False(table.Find("[data-testid='action-start-db01']").HasAttribute("disabled"));
    }

    [Fact]
    public void A_busy_guest_leaves_the_same_uuid_on_another_host_usable()
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("op");
        authorization.SetRoles(Roles.Operator);
        var busy = _guests.Single(guest => guest.Name == "web01");
        var twin = busy with { HostId = busy.HostId + "-other", Name = "web01-twin" };
        var table = Render<GuestTable>(parameters => parameters
            .Add(t => t.Guests, [.. _guests, twin])
            .Add(t => t.Rights, GlobalRights.Of(Roles.Operator))
            .Add(t => t.BusyGuests, new HashSet<GuestKey> { GuestKey.Of(busy) }));

        Assert.True(table.Find("[data-testid='action-shutdown-web01']").HasAttribute("disabled"));
        Assert.False(table.Find("[data-testid='action-shutdown-web01-twin']").HasAttribute("disabled"));
    }

    [Fact]
    public void NameFilterKeepsOnlyMatchingRows()
    {
        var table = RenderAs(Roles.Viewer);

        table.Find("input[data-testid='guest-filter'], [data-testid='guest-filter'] input").Input("DB");

        table.WaitForAssertion(() =>
        {
            var rows = table.FindAll("tr[data-testid^='guest-row-']");
            Assert.Single(rows);
            Assert.Equal("guest-row-db01", rows[0].GetAttribute("data-testid"));
        });
    }

    [Fact]
    public void SortingByNameDescendingReversesTheRows()
    {
        var table = RenderAs(Roles.Viewer);
        string[] Names() => table.FindAll("tr[data-testid^='guest-row-']").Select(row => row.GetAttribute("data-testid")!["guest-row-".Length..]).ToArray();

        Assert.Equal(["build", "db01", "web01"], Names());
        table.Find("[data-testid='sort-Name']").Click();
        Assert.Equal(["web01", "db01", "build"], Names());
    }

    [Fact]
    public void AThousandGuestsRenderOnlyTheVisibleWindow()
    {
        var many = Enumerable.Range(0, 1000).Select(i => Guest($"vm{i:0000}", GuestState.Running)).ToList();
        var table = RenderAs(Roles.Viewer, many);

        var rendered = table.FindAll("tr[data-testid^='guest-row-']").Count;
        Assert.InRange(rendered, 1, 200);
        Assert.Contains("1000", table.Find("[data-testid='guest-count']").TextContent);
    }
}
