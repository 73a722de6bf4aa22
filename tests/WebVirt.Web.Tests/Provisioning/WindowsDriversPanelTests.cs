using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Pages;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Provisioning.WizardSamples;

namespace WebVirt.Web.Tests.Provisioning;

/// <summary>The wizard's virtio driver disk offer for Windows guests: what it finds, preselects and says.</summary>
public sealed class WindowsDriversPanelTests : MudTestContext
{
    // MudCheckBox puts the test id on its input.
    private const string Attach = "[data-testid='wizard-drivers-attach'] input, input[data-testid='wizard-drivers-attach']";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, IReadOnlyList<StorageVolumeDto>> _volumes = new(StringComparer.Ordinal);

    // Pools the agent answers "no such pool" for, as for one removed after the wizard listed them.
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly WindowsDriversChoice _choice = new();
    private int _changed;

    [Fact]
    public void A_virtio_win_iso_in_any_pool_is_found_and_attached_up_front()
    {
        _volumes["default"] = [Volume("default", "debian.iso", "iso"), Volume("default", "disk.qcow2", "qcow2")];
        _volumes["isos"] = [Volume("isos", "Win11_24H2.iso", "iso"), Volume("isos", "virtio-win-0.1.266.iso", "iso")];

        var panel = RenderPanel(Pool("default"), Pool("isos"));

        panel.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);
        Assert.Equal("isos", _choice.Pool);
        Assert.Equal("/isos/virtio-win-0.1.266.iso", _choice.Path);
        Assert.Equal("virtio-win-0.1.266.iso", _choice.VolumeName);
        Assert.Contains("second CD-ROM", panel.Find("[data-testid='wizard-drivers-explain']").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid='wizard-drivers-emulated']"));
        Assert.True(_changed >= 1);
    }

    [Fact]
    public void A_pool_removed_meanwhile_is_passed_over_and_the_next_pools_driver_disk_is_found()
    {
        _gone.Add("gone");
        _volumes["isos"] = [Volume("isos", "virtio-win.iso", "iso")];

        var panel = RenderPanel(Pool("gone"), Pool("isos"));

        panel.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);
        Assert.Equal("isos", _choice.Pool);
        Assert.Equal("/isos/virtio-win.iso", _choice.Path);
        Assert.DoesNotContain("VIR_ERR_NO_STORAGE_POOL", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chosen_pool_removed_meanwhile_says_why_and_offers_no_volume()
    {
        _volumes["isos"] = [Volume("isos", "virtio-win.iso", "iso")];
        _volumes["gone"] = [];
        var panel = RenderPanel(Pool("isos"), Pool("gone"));
        panel.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);

        _gone.Add("gone");
        var pools = panel.FindComponents<MudBlazor.MudSelect<string>>()[0];
        await panel.InvokeAsync(() => pools.Instance.ValueChanged.InvokeAsync("gone"));

        panel.WaitForAssertion(() => Assert.Contains("VIR_ERR_NO_STORAGE_POOL", panel.Markup, StringComparison.Ordinal), Patience);
        Assert.Equal("gone", _choice.Pool);
        Assert.Null(_choice.Path);
        Assert.Empty(panel.FindAll("[data-testid='wizard-drivers-none']"));
    }

    [Fact]
    public void Without_a_virtio_win_iso_the_box_is_unchecked_and_the_emulated_devices_are_explained()
    {
        _volumes["default"] = [Volume("default", "disk.qcow2", "qcow2"), Volume("default", "drivers.iso", "iso")];

        var panel = RenderPanel(Pool("default"));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='wizard-drivers-emulated']")), Patience);
        Assert.False(_choice.Attach);
        Assert.Null(_choice.Path);
        string explanation = panel.Find("[data-testid='wizard-drivers-emulated']").TextContent;
        Assert.Contains("SATA", explanation, StringComparison.Ordinal);
        Assert.Contains("e1000e", explanation, StringComparison.Ordinal);

        // Checking the box picks the pool's ISO, never its disk image.
        panel.Find(Attach).Change(true);

        panel.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);
        Assert.Equal("/default/drivers.iso", _choice.Path);
        Assert.NotEmpty(panel.FindAll("[data-testid='wizard-drivers-explain']"));
    }

    [Fact]
    public void A_pool_without_iso_volumes_says_where_to_get_the_driver_disk()
    {
        _volumes["default"] = [Volume("default", "disk.qcow2", "qcow2")];
        var panel = RenderPanel(Pool("default"), Pool("stopped", active: false));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid='wizard-drivers-emulated']")), Patience);

        panel.Find(Attach).Change(true);

        panel.WaitForAssertion(() => Assert.Contains("virtio-win.iso", panel.Find("[data-testid='wizard-drivers-none']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Null(_choice.Path);
        Assert.Equal("default", _choice.Pool);
    }

    [Fact]
    public void The_agents_refusal_shows_at_the_volume_in_chinese()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        _volumes["default"] = [Volume("default", "virtio-win.iso", "iso")];

        var panel = RenderPanel([Pool("default")], problem: "“virtio-win.iso”不是 ISO 映像");

        panel.WaitForAssertion(() => Assert.Contains("附加 virtio 驱动盘", panel.Find("[data-testid='wizard-drivers']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("不是 ISO 映像", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("第二个光驱", panel.Find("[data-testid='wizard-drivers-explain']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_visit_keeps_the_users_choice_and_another_host_is_looked_through_again()
    {
        _volumes["default"] = [Volume("default", "virtio-win.iso", "iso")];
        var first = RenderPanel(Pool("default"));
        first.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);
        first.Find(Attach).Change(false);
        first.WaitForAssertion(() => Assert.False(_choice.Attach), Patience);

        var again = RenderPanel(Pool("default"));
        again.WaitForAssertion(() => Assert.NotEmpty(again.FindAll("[data-testid='wizard-drivers-emulated']")), Patience);
        Assert.False(_choice.Attach);

        var otherHost = RenderPanel([Pool("default")], problem: null, hostId: "h2");
        otherHost.WaitForAssertion(() => Assert.True(_choice.Attach), Patience);
        Assert.Equal("h2", _choice.HostId);
    }

    [Theory]
    [InlineData("winnt", true)]
    [InlineData("win9x", true)]
    [InlineData("linux", false)]
    [InlineData(null, false)]
    public void Windows_is_osinfos_windows_families(string? family, bool windows) =>
        Assert.Equal(windows, WindowsDriversPanel.IsWindows(new OsVariantDto("x", "X", family, false, null, null, null, null, null, null)));

    private IRenderedComponent<WindowsDriversPanel> RenderPanel(params StoragePoolDto[] pools) => RenderPanel(pools, null);

    private IRenderedComponent<WindowsDriversPanel> RenderPanel(StoragePoolDto[] pools, string? problem, string hostId = "h1") =>
        Render<WindowsDriversPanel>(p => p
            .Add(c => c.HostId, hostId)
            .Add(c => c.Pools, pools)
            .Add(c => c.ListVolumes, pool => _gone.Contains(pool)
                ? throw new AgentCallException(ActionResult.Fail("VIR_ERR_NO_STORAGE_POOL", $"Storage pool not found: no storage pool with matching name '{pool}'"))
                : Task.FromResult(_volumes.TryGetValue(pool, out var volumes) ? volumes : (IReadOnlyList<StorageVolumeDto>)[]))
            .Add(c => c.Choice, _choice)
            .Add(c => c.Changed, () => _changed++)
            .Add(c => c.Problem, problem));
}
