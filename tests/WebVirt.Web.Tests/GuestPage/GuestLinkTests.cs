using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Security;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

public sealed class GuestLinkTests : MudTestContext
{
    [Fact]
    public void Each_guest_name_on_the_dashboard_links_to_its_page()
    {
        var guest = Guest("web01", GuestState.Running, hostId: "alpha host");
        var authorization = AddAuthorization();
        authorization.SetAuthorized("v");
        authorization.SetRoles(Roles.Viewer);

        var table = Render<GuestTable>(p => p.Add(t => t.Guests, [guest]));

        var link = table.Find("[data-testid='guest-link-web01']");
        Assert.Equal($"/guests/alpha%20host/{guest.Uuid}", link.GetAttribute("href"));
        Assert.Equal("web01", link.TextContent.Trim());
    }
}
