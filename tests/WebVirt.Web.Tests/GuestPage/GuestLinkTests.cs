using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using WebVirt.Contracts;
using WebVirt.Web.Components.Dashboard;
using WebVirt.Web.Security;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests.GuestPage;

public sealed class GuestLinkTests : BunitContext, IAsyncLifetime
{
    public GuestLinkTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        Services.AddLocalization();
        Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

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

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
