using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Components.Storage;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests;

/// <summary>The Storage page against a fake agent: its loading state, volume users and the pool delete confirmation.</summary>
public sealed class StoragePageTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private const string Pool = "images";

    private IRenderedComponent<MudPopoverProvider>? _popovers;

    private (IRenderedComponent<StoragePage> Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderPage()
    {
        // The upload box talks to the web app's upload endpoint, which is not part of these tests.
        ComponentFactories.AddStub<VolumeUpload>();
        SignInAs(Roles.Administrator);
        State.Resources.Pools = [new StoragePoolSummary(HostId, Pool, "u-1", "dir", true, true, true, 100, 40, 60, "/var/lib/libvirt/images")];
        State.Resources.Volumes[Pool] =
        [
            new StorageVolumeSummary(Pool, "base.qcow2", "/var/lib/libvirt/images/base.qcow2", "qcow2", 10, 2, ["clone1", "tmpl"], ["clone1"]),
            new StorageVolumeSummary(Pool, "free.img", "/var/lib/libvirt/images/free.img", "raw", 10, 2, []),
        ];
        var dialogs = RenderDialogs();
        _popovers = Render<MudPopoverProvider>();
        var page = Render<StoragePage>();
        page.WaitForElement($"[data-testid='pool-row-{Pool}']", Patience);
        return (page, dialogs);
    }

    [Fact]
    public void Until_the_hosts_pools_have_loaded_the_page_shows_them_loading_and_offers_no_reload()
    {
        State.Resources.Pools = [new StoragePoolSummary(HostId, Pool, "u-1", "dir", true, true, true, 100, 40, 60, "/var/lib/libvirt/images")];
        var authorization = AddAuthorization();
        authorization.SetAuthorizing();
        var page = Render<StoragePage>();
        var reload = () => page.Find("[data-testid='storage-reload']");

        // Rendered while the user is still being authenticated: nothing of the host is known yet.
        Assert.True(reload().HasAttribute("disabled"));
        Assert.Empty(page.FindAll($"[data-testid='pool-row-{Pool}']"));

        authorization.SetAuthorized("panel-administrator");
        authorization.SetRoles(Roles.Administrator);
        page.WaitForAssertion(() => Assert.False(reload().HasAttribute("disabled")), Patience);

        // A reload shows the pools loading until the agent answers.
        State.Resources.PoolsHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        reload().Click();
        // The click can wait behind a render of the page's own on the renderer's thread (seen in CI); the held answer keeps it loading.
        page.WaitForAssertion(() => Assert.True(reload().HasAttribute("disabled")), Patience);
        State.Resources.PoolsHeld.SetResult();
        page.WaitForElement($"[data-testid='pool-row-{Pool}']", Patience);
        page.WaitForAssertion(() => Assert.False(reload().HasAttribute("disabled")), Patience);
    }

    [Fact]
    public void Deleting_a_pool_with_its_volumes_is_confirmed_by_a_button_that_says_so()
    {
        var (page, dialogs) = RenderPage();

        page.Find($"[data-testid='pool-menu-{Pool}'] button").Click();
        var popovers = _popovers!;
        popovers.WaitForAssertion(() => Assert.NotEmpty(popovers.FindAll(".mud-menu-item")), Patience);
        popovers.FindAll(".mud-menu-item").Single(i => i.TextContent.Contains("Delete pool and all its volumes", StringComparison.Ordinal)).Click();

        dialogs.WaitForAssertion(() => Assert.Equal("Delete pool and all its volumes", dialogs.Find("[data-testid='confirm-ok']").TextContent.Trim()), Patience);
        dialogs.Find("[data-testid='confirm-cancel']").Click();
        Assert.Empty(State.Resources.Changes);
    }

    [Fact]
    public void A_volume_shows_every_user_marks_a_backing_file_use_and_cannot_be_deleted()
    {
        var (page, _) = RenderPage();

        page.Find($"[data-testid='pool-row-{Pool}']").Click();

        page.WaitForAssertion(() => Assert.Equal("clone1 (through a backing file), tmpl", page.Find("[data-testid='volume-users-base.qcow2']").TextContent.Trim()), Patience);
        Assert.Equal("—", page.Find("[data-testid='volume-users-free.img']").TextContent.Trim());
        Assert.True(page.Find("[data-testid='volume-delete-base.qcow2']").HasAttribute("disabled"));
        Assert.False(page.Find("[data-testid='volume-delete-free.img']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_download_that_finishes_after_its_dialog_closed_shows_its_volume_in_the_open_pool()
    {
        var (page, _) = RenderPage();
        page.Find($"[data-testid='pool-row-{Pool}']").Click();
        page.WaitForElement("[data-testid='volume-row-free.img']", Patience);
        var running = new AgentTaskInfo("download-1", HostId, "download", "noble.qcow2", null, AgentTaskState.Running, 40, 1024, [],
            "admin", DateTimeOffset.UtcNow, null, null, Cancellable: true);
        await PushTaskAsync(running);

        State.Resources.Volumes[Pool] = [.. State.Resources.Volumes[Pool], new StorageVolumeSummary(Pool, "noble.qcow2", "/var/lib/libvirt/images/noble.qcow2", "qcow2", 10, 2, [])];
        await PushTaskAsync(running with { State = AgentTaskState.Succeeded, Percent = 100, FinishedAt = DateTimeOffset.UtcNow, Cancellable = false });

        page.WaitForElement("[data-testid='volume-row-noble.qcow2']", Patience);
    }
}
