using System.Security.Claims;
using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Components.Storage;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Rights;

/// <summary>
/// The storage and networks pages show a pool's or network's buttons by the user's rights on it, as the gateways
/// decide, not by the global role: whoever administers one pool (or network) gets its buttons and none of another's,
/// creates nothing on the host and marks nothing shared (that is managing the host); a viewer gets none; an
/// administrator everywhere gets all.
/// </summary>
public sealed class ResourceRightsButtonsTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string Mine = "mine";
    private const string Other = "other";

    private readonly WebAppFixture _app = app;

    private IRenderedComponent<MudPopoverProvider>? _popovers;

    [Fact]
    public async Task An_administrator_of_one_pool_gets_its_buttons_and_none_of_another_and_creates_or_shares_nothing()
    {
        var page = RenderStorage(await GrantedAsync(("/", Roles.Viewer), ($"/hosts/{HostId}/pools/{Mine}", Roles.Administrator)));

        Assert.Single(page.FindAll($"[data-testid='pool-menu-{Mine}']"));
        Assert.Empty(page.FindAll($"[data-testid='pool-menu-{Other}']"));
        Assert.Empty(page.FindAll("[data-testid='pool-new-panel']"));

        page.Find($"[data-testid='pool-menu-{Mine}'] button").Click();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll($"[data-testid='pool-download-{Mine}']")), Patience);
        Assert.Empty(popovers.FindAll($"[data-testid='pool-share-{Mine}']"));

        page.Find($"[data-testid='pool-row-{Mine}']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid='volume-resize-{Mine}.img']")), Patience);
        Assert.Single(page.FindAll("[data-testid='volume-new-name']"));
        Assert.Single(page.FindAll("[data-testid='volume-upload-stub']"));

        page.Find($"[data-testid='pool-row-{Other}']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid='volume-row-{Other}.img']")), Patience);
        Assert.Empty(page.FindAll($"[data-testid='volume-resize-{Other}.img']"));
        Assert.Empty(page.FindAll($"[data-testid='volume-delete-{Other}.img']"));
        Assert.Empty(page.FindAll("[data-testid='volume-new-name']"));
        Assert.Empty(page.FindAll("[data-testid='volume-upload-stub']"));
    }

    [Fact]
    public async Task A_viewer_gets_no_storage_button()
    {
        var page = RenderStorage(await GrantedAsync(("/", Roles.Viewer)));

        Assert.Empty(page.FindAll("[data-testid^='pool-menu-']"));
        Assert.Empty(page.FindAll("[data-testid='pool-new-panel']"));
        page.Find($"[data-testid='pool-row-{Mine}']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll($"[data-testid='volume-row-{Mine}.img']")), Patience);
        Assert.Empty(page.FindAll($"[data-testid='volume-resize-{Mine}.img']"));
        Assert.Empty(page.FindAll("[data-testid='volume-upload-stub']"));
    }

    [Fact]
    public async Task An_administrator_everywhere_gets_every_pools_buttons_creates_pools_and_marks_them_shared()
    {
        var page = RenderStorage(await GrantedAsync(("/", Roles.Administrator)));

        Assert.Single(page.FindAll($"[data-testid='pool-menu-{Mine}']"));
        Assert.Single(page.FindAll($"[data-testid='pool-menu-{Other}']"));
        Assert.Single(page.FindAll("[data-testid='pool-new-panel']"));
        page.Find($"[data-testid='pool-menu-{Other}'] button").Click();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll($"[data-testid='pool-share-{Other}']")), Patience);
    }

    [Fact]
    public async Task An_administrator_of_the_host_gets_all_its_pools_buttons_creates_pools_and_marks_them_shared()
    {
        var page = RenderStorage(await GrantedAsync(("/", Roles.Viewer), ($"/hosts/{HostId}", Roles.Administrator)));

        Assert.Single(page.FindAll($"[data-testid='pool-menu-{Mine}']"));
        Assert.Single(page.FindAll($"[data-testid='pool-menu-{Other}']"));
        Assert.Single(page.FindAll("[data-testid='pool-new-panel']"));
        page.Find($"[data-testid='pool-menu-{Mine}'] button").Click();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.Single(popovers.FindAll($"[data-testid='pool-share-{Mine}']")), Patience);
    }

    [Fact]
    public async Task An_administrator_of_one_network_gets_its_buttons_and_none_of_another_and_creates_nothing()
    {
        var page = RenderNetworks(await GrantedAsync(("/", Roles.Viewer), ($"/hosts/{HostId}/networks/{Mine}", Roles.Administrator)));

        Assert.Single(page.FindAll($"[data-testid='network-menu-{Mine}']"));
        Assert.Empty(page.FindAll($"[data-testid='network-menu-{Other}']"));
        Assert.Empty(page.FindAll("[data-testid='network-new-panel']"));

        page.Find($"[data-testid='network-row-{Mine}']").Click();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid='static-host-add']")), Patience);
        Assert.Single(page.FindAll("[data-testid='static-host-remove-52:54:00:00:00:01']"));

        page.Find($"[data-testid='network-row-{Other}']").Click();
        page.WaitForAssertion(() => Assert.Contains(Other, page.Find("[data-testid='network-detail-title']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(page.FindAll("[data-testid='static-host-add']"));
        Assert.Empty(page.FindAll("[data-testid^='static-host-remove-']"));
    }

    [Fact]
    public async Task A_viewer_gets_no_network_button()
    {
        var viewer = RenderNetworks(await GrantedAsync(("/", Roles.Viewer)));
        Assert.Empty(viewer.FindAll("[data-testid^='network-menu-']"));
        Assert.Empty(viewer.FindAll("[data-testid='network-new-panel']"));
        viewer.Find($"[data-testid='network-row-{Mine}']").Click();
        viewer.WaitForAssertion(() => Assert.Single(viewer.FindAll("[data-testid='network-detail-title']")), Patience);
        Assert.Empty(viewer.FindAll("[data-testid='static-host-add']"));
    }

    [Fact]
    public async Task An_administrator_everywhere_gets_every_networks_buttons_and_creates_networks()
    {
        var page = RenderNetworks(await GrantedAsync(("/", Roles.Administrator)));

        Assert.Single(page.FindAll($"[data-testid='network-menu-{Mine}']"));
        Assert.Single(page.FindAll($"[data-testid='network-menu-{Other}']"));
        Assert.Single(page.FindAll("[data-testid='network-new-panel']"));
    }

    private Task<ClaimsPrincipal> GrantedAsync(params (string Path, string Role)[] grants) => GrantedUser.CreateAsync(_app.Factory, grants);

    private IRenderedComponent<StoragePage> RenderStorage(ClaimsPrincipal user)
    {
        // The upload box talks to the web app's upload endpoint, which is not part of these tests.
        ComponentFactories.AddStub<VolumeUpload>("<div data-testid='volume-upload-stub'></div>");
        GrantedUser.SignIn(this, user);
        State.Resources.Pools = [Pool(Mine), Pool(Other)];
        State.Resources.Volumes[Mine] = [Volume(Mine)];
        State.Resources.Volumes[Other] = [Volume(Other)];
        RenderDialogs();
        _popovers = Render<MudPopoverProvider>();
        var page = Render<StoragePage>();
        page.WaitForElement($"[data-testid='pool-row-{Other}']", Patience);
        return page;
    }

    private IRenderedComponent<NetworksPage> RenderNetworks(ClaimsPrincipal user)
    {
        GrantedUser.SignIn(this, user);
        State.Resources.Networks = [Network(Mine, "10.71.1.1/24"), Network(Other, "10.71.2.1/24")];
        RenderDialogs();
        _popovers = Render<MudPopoverProvider>();
        var page = Render<NetworksPage>();
        page.WaitForElement($"[data-testid='network-row-{Other}']", Patience);
        return page;
    }

    private static StoragePoolSummary Pool(string name) =>
        new(HostId, name, "u-" + name, "dir", true, true, true, 100, 40, 60, "/var/lib/libvirt/" + name);

    private static StorageVolumeSummary Volume(string pool) =>
        new(pool, pool + ".img", $"/var/lib/libvirt/{pool}/{pool}.img", "raw", 10, 2, []);

    private static VirtualNetworkSummary Network(string name, string ipv4) =>
        new(HostId, name, "u-" + name, VirtualNetworkMode.Isolated, "virbr-" + name, ipv4, null, null, true, true, true,
            [new DhcpHostEntry("52:54:00:00:00:01", ipv4[..^4] + "50", name + "-host")]);
}
