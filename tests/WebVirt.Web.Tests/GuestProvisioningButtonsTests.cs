using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Security;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

public sealed class GuestProvisioningButtonsTests : MudTestContext
{
    private readonly IReadOnlyList<GuestInfo> _guests =
    [
        Guest("web01", GuestState.Running),
        Guest("db01", GuestState.ShutOff),
        Guest("gold", GuestState.ShutOff) with { IsTemplate = true },
    ];

    private IRenderedComponent<GuestTable> RenderAs(string role, Action<GuestProvisioningRequest>? onProvision = null)
    {
        var authorization = AddAuthorization();
        authorization.SetAuthorized("someone");
        authorization.SetRoles(role);
        return Render<GuestTable>(parameters => parameters
            .Add(table => table.Guests, _guests)
            .Add(table => table.Rights, GlobalRights.Of(role))
            .Add(table => table.OnProvision, onProvision ?? (_ => { })));
    }

    private static bool Has(IRenderedComponent<GuestTable> table, string testId) => table.FindAll($"[data-testid='{testId}']").Count > 0;

    [Fact]
    public void Administrators_clone_and_mark_shut_off_guests_and_delete_any()
    {
        var table = RenderAs(Roles.Administrator);

        Assert.True(Has(table, "action-clone-db01"));
        Assert.True(Has(table, "action-template-db01"));
        Assert.True(Has(table, "action-delete-db01"));
        Assert.False(Has(table, "action-clone-web01"));
        Assert.False(Has(table, "action-template-web01"));
        Assert.True(Has(table, "action-delete-web01"));
        Assert.Equal("true", table.Find("[data-testid='action-template-gold']").GetAttribute("aria-pressed"));
        Assert.Equal("false", table.Find("[data-testid='action-template-db01']").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Operators_only_clone()
    {
        var table = RenderAs(Roles.Operator);

        Assert.True(Has(table, "action-clone-db01"));
        Assert.False(Has(table, "action-template-db01"));
        Assert.False(Has(table, "action-delete-db01"));
    }

    [Fact]
    public void Viewers_see_the_template_chip_but_none_of_the_buttons()
    {
        var table = RenderAs(Roles.Viewer);

        Assert.Empty(table.FindAll("[data-testid^='action-clone-'], [data-testid^='action-template-'], [data-testid^='action-delete-']"));
        Assert.Equal("Template", table.Find("[data-testid='template-chip-gold']").TextContent.Trim());
        Assert.False(Has(table, "template-chip-db01"));
    }

    [Fact]
    public void The_template_chip_is_in_the_users_language()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

        Assert.Equal("模板", RenderAs(Roles.Viewer).Find("[data-testid='template-chip-gold']").TextContent.Trim());
    }

    [Fact]
    public void Clicks_name_the_guest_and_what_is_asked()
    {
        var requests = new List<GuestProvisioningRequest>();
        var table = RenderAs(Roles.Administrator, requests.Add);

        table.Find("[data-testid='action-clone-db01']").Click();
        table.Find("[data-testid='action-template-gold']").Click();
        table.Find("[data-testid='action-delete-web01']").Click();

        Assert.Equal(
            [("db01", GuestProvisioningAction.Clone), ("gold", GuestProvisioningAction.ToggleTemplate), ("web01", GuestProvisioningAction.Delete)],
            requests.Select(r => (r.Guest.Name, r.Action)));
    }
}
