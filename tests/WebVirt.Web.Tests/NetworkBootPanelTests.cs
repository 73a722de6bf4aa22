using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>The Networks page's network boot of an existing network against a fake agent: what it shows, says and sends.</summary>
public sealed class NetworkBootPanelTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string Network = "pxe";

    [Fact]
    public async Task An_administrator_sets_boot_on_a_running_network_and_is_told_it_applies_at_the_next_start()
    {
        var page = RenderPage(Roles.Administrator, Summary(active: true, boot: null, pending: false));

        Assert.Equal("Off: this network names no boot file in its DHCP answers.", page.Find("[data-testid='network-boot-current']").TextContent.Trim());
        Assert.Contains("applies when it next starts", page.Find("[data-testid='network-boot-next-start']").TextContent, StringComparison.Ordinal);
        // The page also renders on its own (its data arriving), so each element is found and used on the
        // renderer's thread: a render between the two would drop the handler that was found.
        await page.InvokeAsync(() => page.Find(Input("network-edit-boot-enable")).Change(true));
        page.WaitForElement(Input("network-edit-tftp-root"), Patience);
        await page.InvokeAsync(() => page.Find(Input("network-edit-tftp-root")).Change(" /srv/tftp "));
        await page.InvokeAsync(() => page.Find(Input("network-edit-boot-file")).Change("boot.ipxe"));
        await page.InvokeAsync(() => page.Find("[data-testid='network-boot-save']").Click());

        page.WaitForAssertion(() => Assert.Single(State.Resources.Changes, c => c.Method == "SetNetworkBoot"), Patience);
        var sent = State.Resources.Changes.Single(c => c.Method == "SetNetworkBoot").Argument;
        Assert.Equal(new NetworkBootSettings("/srv/tftp", "boot.ipxe", null), sent);
    }

    [Fact]
    public void A_change_waiting_for_the_next_start_is_shown_and_a_viewer_cannot_edit()
    {
        var page = RenderPage(Roles.Viewer, Summary(active: true, boot: new NetworkBootSettings("/srv/tftp", "boot.ipxe", "10.254.9.5"), pending: true));

        Assert.Equal("TFTP folder /srv/tftp · boot file boot.ipxe · boot server 10.254.9.5", page.Find("[data-testid='network-boot-current']").TextContent.Trim());
        Assert.Contains("apply at its next start", page.Find("[data-testid='network-boot-pending']").TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid='network-boot-save']"));
    }

    private IRenderedComponent<NetworksPage> RenderPage(string role, VirtualNetworkSummary network)
    {
        SignInAs(role);
        State.Resources.Networks = [network];
        var page = Render<NetworksPage>();
        page.WaitForElement($"[data-testid='network-row-{Network}']", Patience).Click();
        page.WaitForElement("[data-testid='network-boot']", Patience);
        return page;
    }

    private static VirtualNetworkSummary Summary(bool active, NetworkBootSettings? boot, bool pending) =>
        new(HostId, Network, "u-1", VirtualNetworkMode.Isolated, "virbr9", "10.254.9.1/24", null, "10.254.9.100 – 10.254.9.199",
            active, false, true, [], boot, pending);
}
