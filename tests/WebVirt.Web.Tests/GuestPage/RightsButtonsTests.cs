using System.Security.Claims;
using Bunit;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

using Dashboard = WebVirt.Web.Components.Pages.Dashboard;
using GuestPageComponent = WebVirt.Web.Components.Pages.GuestPage;

/// <summary>
/// Buttons follow the user's rights on each object, as the gateway does, not their global role: a Viewer everywhere
/// who is Operator on one guest gets that guest's lifecycle and console buttons on the dashboard and its page, and
/// none on another guest; a user whose only grant is on that guest likewise.
/// </summary>
[Collection(GuestPageCollection.Name)]
public sealed class RightsButtonsTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    [Fact]
    public async Task A_viewer_who_operates_one_guest_gets_its_buttons_on_the_dashboard_and_none_of_another()
    {
        var mine = (await Fixture.AddGuestAsync("rb-mine")).Guest;
        await Fixture.AddGuestAsync("rb-other");
        var user = await UserWithGrantsAsync(("/", Roles.Viewer), ($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.Operator));

        var page = RenderWithClaims<Dashboard>(user);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='guest-row-rb-other']")), TimeSpan.FromSeconds(10));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='guest-row-rb-mine']")), TimeSpan.FromSeconds(10));

        Assert.False(page.Find("[data-testid='action-shutdown-rb-mine']").HasAttribute("disabled"));
        Assert.Single(page.FindAll("[data-testid='action-pause-rb-mine']"));
        Assert.Single(page.FindAll("[data-testid='action-console-rb-mine']"));
        Assert.Single(page.FindAll("[data-testid='action-autostart-rb-mine']"));
        Assert.Empty(page.FindAll("[data-testid='action-shutdown-rb-other']"));
        Assert.Empty(page.FindAll("[data-testid='action-console-rb-other']"));
        Assert.Empty(page.FindAll("[data-testid='action-autostart-rb-other']"));
        // Operator is no administrator: deleting stays out of reach on both.
        Assert.Empty(page.FindAll("[data-testid='action-delete-rb-mine']"));
    }

    [Fact]
    public async Task A_user_whose_only_grant_is_operator_on_a_guest_gets_its_buttons_and_console_on_its_page()
    {
        var mine = (await Fixture.AddGuestAsync("rbp-mine")).Guest;
        var operatorOfMine = await UserWithGrantsAsync(($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.Operator));

        var page = RenderWithClaims<GuestPageComponent>(operatorOfMine,
            parameters => parameters.Add(p => p.HostId, GuestPageFixture.HostId).Add(p => p.Uuid, mine.Uuid));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='action-shutdown-rbp-mine']")), TimeSpan.FromSeconds(10));
        Assert.Single(page.FindAll("[data-testid='guest-console-link']"));
    }

    [Fact]
    public async Task A_viewer_who_operates_one_guest_sees_another_guests_page_without_a_button_to_press()
    {
        var mine = (await Fixture.AddGuestAsync("rbv-mine")).Guest;
        var other = (await Fixture.AddGuestAsync("rbv-other")).Guest;
        var viewer = await UserWithGrantsAsync(("/", Roles.Viewer), ($"/hosts/{GuestPageFixture.HostId}/guests/{mine.Uuid}", Roles.Operator));
        var otherPage = RenderWithClaims<GuestPageComponent>(viewer,
            parameters => parameters.Add(p => p.HostId, GuestPageFixture.HostId).Add(p => p.Uuid, other.Uuid));
        // The header's state chip comes first, then the overview with one of its own: the buttons are looked for once both
        // are there (a loaded machine once checked only after the second, when a check for a single chip could never pass).
        otherPage.WaitForAssertion(() =>
        {
            Assert.Single(otherPage.FindAll("[data-testid='guest-overview'] [data-testid='guest-state-rbv-other']"));
            Assert.Equal(2, otherPage.FindAll("[data-testid='guest-state-rbv-other']").Count);
        }, TimeSpan.FromSeconds(10));
        Assert.Empty(otherPage.FindAll("[data-testid='action-shutdown-rbv-other']"));
        Assert.Empty(otherPage.FindAll("[data-testid='action-pause-rbv-other']"));
        Assert.Empty(otherPage.FindAll("[data-testid='guest-console-link']"));
    }

    private IRenderedComponent<TComponent> RenderWithClaims<TComponent>(ClaimsPrincipal user, Action<ComponentParameterCollectionBuilder<TComponent>>? parameters = null)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        GrantedUser.SignIn(this, user);
        return Render(parameters ?? (_ => { }));
    }

    private Task<ClaimsPrincipal> UserWithGrantsAsync(params (string Path, string Role)[] grants) => GrantedUser.CreateAsync(Fixture.Factory, grants);
}
