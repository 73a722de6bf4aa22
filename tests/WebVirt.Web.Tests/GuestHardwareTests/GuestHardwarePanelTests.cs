using System.Globalization;
using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.GuestHardwareTests.HardwareSamples;

namespace WebVirt.Web.Tests.GuestHardwareTests;

public sealed class GuestHardwarePanelTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private int _changed;

    private IRenderedComponent<MudBlazor.MudDialogProvider>? _dialogs;

    private IRenderedComponent<MudBlazor.MudDialogProvider> Dialogs => _dialogs ?? throw new InvalidOperationException("Render the panel first.");

    private (GuestInfo Guest, IRenderedComponent<GuestHardwarePanel> Panel) RenderPanel(
        string role, GuestState state = GuestState.ShutOff, Func<GuestHardware, GuestHardware?>? nextBoot = null)
    {
        SignInAs(role);
        var guest = AddGuest("hw-" + Guid.NewGuid().ToString("N")[..8], state);
        State.Hardware.Guests[guest.Uuid] = Hardware();
        _dialogs = RenderDialogs();
        var hardware = State.Hardware.Guests[guest.Uuid];
        var panel = Render<GuestHardwarePanel>(parameters => parameters
            .Add(p => p.HostId, HostId)
            .Add(p => p.Details, Details(guest, hardware, nextBoot?.Invoke(hardware)))
            .Add(p => p.Changed, () => _changed++));
        return (guest, panel);
    }

    private static string Text(IRenderedComponent<GuestHardwarePanel> panel, string testId) => panel.Find($"[data-testid='{testId}']").TextContent;

    [Fact]
    public void Each_card_shows_the_details()
    {
        var (_, panel) = RenderPanel(Roles.Viewer);

        Assert.Equal("2", Text(panel, "hw-cpu-current-value").Trim());
        Assert.Equal("4", Text(panel, "hw-cpu-maximum-value").Trim());
        Assert.Equal("1 sockets × 2 cores × 2 threads", Text(panel, "hw-cpu-topology-value").Trim());
        Assert.Equal("2 GiB", Text(panel, "hw-memory-current-value").Trim());
        Assert.Equal("4 GiB", Text(panel, "hw-memory-maximum-value").Trim());
        var disk = Text(panel, "hw-disk-row-vda");
        foreach (var expected in new[] { "Disk", "vda", "virtio", "qcow2", "20 GiB", "3 GiB", "default/web.qcow2", "none" })
        {
            Assert.Contains(expected, disk);
        }

        Assert.Contains("CD-ROM", Text(panel, "hw-disk-row-sda"));
        Assert.Contains("(empty)", Text(panel, "hw-disk-row-sda"));
        var nic = Text(panel, "hw-nic-row-52-54-00-12-34-56");
        Assert.Contains(Mac, nic);
        Assert.Contains("Virtual network: default", nic);
        Assert.Contains("Up", nic);
        Assert.Equal(["hd", "cdrom", "network"], panel.FindAll("[data-testid^='hw-boot-row-']").Select(r => r.GetAttribute("data-testid")!["hw-boot-row-".Length..]));
        Assert.Equal(["true", "true", "false"], panel.FindAll("[data-testid^='hw-boot-row-']").Select(r => r.GetAttribute("data-enabled")));
        Assert.Empty(panel.FindAll("[data-testid='hw-next-boot']"));
    }

    [Fact]
    public void Viewers_see_everything_but_no_edit_buttons()
    {
        var (_, panel) = RenderPanel(Roles.Viewer);

        Assert.Single(panel.FindAll("[data-testid='hw-disk-row-vda']"));
        Assert.Empty(panel.FindAll(
            "[data-testid='hw-cpu-edit'], [data-testid='hw-memory-edit'], [data-testid='hw-disk-add'], [data-testid^='hw-disk-remove-'], " +
            "[data-testid^='hw-disk-resize-'], [data-testid^='hw-disk-media-'], [data-testid='hw-nic-add'], [data-testid^='hw-nic-remove-'], " +
            "[data-testid^='hw-nic-link-52'], [data-testid='hw-boot-save'], [data-testid^='hw-boot-up-']"));
    }

    [Fact]
    public void Operators_get_the_edit_buttons_that_fit_each_device()
    {
        var (_, panel) = RenderPanel(Roles.Operator, GuestState.Running);

        foreach (var testId in new[] { "hw-cpu-edit", "hw-memory-edit", "hw-disk-add", "hw-disk-remove-vda", "hw-disk-resize-vda", "hw-disk-media-sda",
                     "hw-nic-add", "hw-nic-remove-52-54-00-12-34-56", "hw-nic-link-52-54-00-12-34-56", "hw-boot-save" })
        {
            Assert.Single(panel.FindAll($"[data-testid='{testId}']"));
        }

        Assert.Empty(panel.FindAll("[data-testid='hw-disk-resize-sda'], [data-testid='hw-disk-media-vda']"));
        // Bus and cache change only while shut off.
        Assert.True(panel.Find("[data-testid='hw-disk-settings-vda']").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Editing_memory_sends_the_values_and_audits_the_guest()
    {
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='hw-memory-edit']").Click();
        panel.Find(Input("hw-memory-current")).Change("3072");
        panel.Find(Input("hw-memory-maximum")).Change("8192");
        panel.Find("[data-testid='hw-memory-save']").Click();

        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid='hw-memory-save']")), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal((nameof(IAgentHub.SetGuestMemory), guest.Uuid), (call.Method, call.Uuid));
        Assert.Equal(new GuestMemoryChange(3072, 8192), Assert.Single(call.Args));
        Assert.Equal((3072L, 8192L), (State.Hardware.Guests[guest.Uuid].MemoryMiB, State.Hardware.Guests[guest.Uuid].MaxMemoryMiB));
        Assert.Equal(1, _changed);
        var entry = Assert.Single(await AuditEntriesAsync(guest));
        Assert.Equal(("set-guest-memory", AuditEntry.ResultOk, guest.Name, "panel-operator"), (entry.Action, entry.Result, entry.TargetGuestName, entry.UserName));
        Assert.Contains("3072/8192", entry.Detail);
    }

    [Fact]
    public void Zero_memory_and_zero_cpus_are_sent_as_typed_never_moved_into_range()
    {
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='hw-memory-edit']").Click();
        panel.Find(Input("hw-memory-current")).Change("0");
        panel.WaitForAssertion(() => Assert.Equal("0", panel.Find(Input("hw-memory-current")).GetAttribute("value")), Patience);
        panel.Find("[data-testid='hw-memory-save']").Click();
        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        // The memory save ends with a re-read of the guest that re-renders every card: the CPU edit is opened
        // after it, as a user could only do once the save has closed its editor.
        panel.WaitForAssertion(() => Assert.Empty(panel.FindAll("[data-testid='hw-memory-save']")), Patience);
        panel.WaitForAssertion(() => Assert.Equal(1, _changed), Patience);
        panel.WaitForElement("[data-testid='hw-cpu-edit']", Patience).Click();
        panel.WaitForElement(Input("hw-cpu-current"), Patience).Change("0");
        panel.WaitForAssertion(() => Assert.Equal("0", panel.Find(Input("hw-cpu-current")).GetAttribute("value")), Patience);
        panel.Find("[data-testid='hw-cpu-save']").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, State.Hardware.Calls.Count), Patience);
        var calls = State.Hardware.Calls.ToArray();
        Assert.Equal(0, Assert.IsType<GuestMemoryChange>(calls[0].Args[0]).CurrentMiB);
        Assert.Equal(0, Assert.IsType<GuestCpuChange>(calls[1].Args[0]).Current);
        Assert.Equal(guest.Uuid, calls[0].Uuid);
    }

    [Fact]
    public async Task Editing_cpus_sends_count_maximum_and_topology()
    {
        var (guest, panel) = RenderPanel(Roles.Administrator);

        panel.Find("[data-testid='hw-cpu-edit']").Click();
        panel.Find(Input("hw-cpu-current")).Change("3");
        panel.Find(Input("hw-cpu-maximum")).Change("8");
        panel.Find(Input("hw-cpu-sockets")).Change("2");
        panel.Find(Input("hw-cpu-cores")).Change("4");
        panel.Find(Input("hw-cpu-threads")).Change("1");
        panel.Find("[data-testid='hw-cpu-save']").Click();

        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal(nameof(IAgentHub.SetGuestCpus), call.Method);
        Assert.Equal(new GuestCpuChange(3, 8, 2, 4, 1), Assert.Single(call.Args));
        panel.WaitForAssertion(() => Assert.Equal(1, _changed), Patience);
        var entry = Assert.Single(await AuditEntriesAsync(guest));
        Assert.Equal(("set-guest-cpus", guest.Uuid), (entry.Action, entry.TargetGuestUuid));
    }

    [Fact]
    public async Task A_refusal_shows_the_agents_message_and_keeps_the_form()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.Running);
        State.Hardware.NextResult = ActionResult.Fail("VIR_ERR_CONFIG_UNSUPPORTED", "memory 999999 MiB exceeds what the host has");

        panel.Find("[data-testid='hw-memory-edit']").Click();
        panel.Find(Input("hw-memory-current")).Change("999999");
        panel.Find("[data-testid='hw-memory-save']").Click();

        panel.WaitForAssertion(() => Assert.Contains("exceeds what the host has", Text(panel, "hw-memory-error")), Patience);
        Assert.Equal("999999", panel.Find(Input("hw-memory-current")).GetAttribute("value"));
        Assert.Single(panel.FindAll("[data-testid='hw-memory-save']"));
        Assert.Equal(2048, State.Hardware.Guests[guest.Uuid].MemoryMiB);
        Assert.Equal(0, _changed);
        var entry = Assert.Single(await AuditEntriesAsync(guest));
        Assert.Equal(AuditEntry.ResultError, entry.Result);
        Assert.Contains("VIR_ERR_CONFIG_UNSUPPORTED", entry.Detail);
    }

    [Fact]
    public void The_next_boot_marker_shows_where_the_persistent_definition_differs()
    {
        var (_, panel) = RenderPanel(Roles.Viewer, GuestState.Running, hardware => hardware with { MaxMemoryMiB = 8192 });

        var marker = Assert.Single(panel.FindAll("[data-testid='hw-next-boot']"));
        Assert.Equal("Applies at next boot: 8 GiB", marker.TextContent.Trim());
        Assert.Single(panel.FindAll("[data-testid='hw-memory-maximum-value'] [data-testid='hw-next-boot']"));
        Assert.Equal("4 GiB", panel.Find("[data-testid='hw-memory-maximum-value']").FirstChild!.TextContent.Trim());
    }

    [Fact]
    public void The_resize_form_refuses_a_smaller_size_and_sends_a_larger_one()
    {
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='hw-disk-resize-vda']").Click();
        var dialog = Dialogs;
        Assert.Contains("20 GiB", dialog.WaitForElement("[data-testid='hw-disk-resize-current']", Patience).TextContent);
        dialog.Find(Input("hw-disk-resize-size")).Change("10");

        Assert.Contains("Disks only grow: enter more than 20 GiB.", dialog.WaitForElement("[data-testid='hw-disk-resize-too-small']", Patience).TextContent);
        Assert.True(dialog.Find("[data-testid='hw-disk-resize-confirm']").HasAttribute("disabled"));
        Assert.Empty(State.Hardware.Calls);

        dialog.Find(Input("hw-disk-resize-size")).Change("30");
        dialog.Find("[data-testid='hw-disk-resize-confirm']").Click();

        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid='hw-disk-resize-dialog']")), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal((nameof(IAgentHub.ResizeGuestDisk), "vda", 30 * GiB), (call.Method, call.Args[0], call.Args[1]));
        Assert.Equal(30 * GiB, State.Hardware.Guests[guest.Uuid].Disks[0].CapacityBytes);
    }

    [Fact]
    public void Removing_a_disk_can_delete_its_volume()
    {
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='hw-disk-remove-vda']").Click();
        var dialog = Dialogs;
        dialog.WaitForElement(Input("hw-disk-remove-volume"), Patience).Change(true);
        dialog.Find("[data-testid='hw-disk-remove-confirm']").Click();

        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal((nameof(IAgentHub.RemoveGuestDisk), "vda", (object?)true), (call.Method, call.Args[0], call.Args[1]));
        Assert.DoesNotContain(State.Hardware.Guests[guest.Uuid].Disks, d => d.Target == "vda");
    }

    [Fact]
    public void The_link_button_turns_the_link_down_and_the_boot_order_saves_as_arranged()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.Running);

        panel.Find("[data-testid='hw-nic-link-52-54-00-12-34-56']").Click();
        panel.WaitForAssertion(() => Assert.Single(State.Hardware.Calls), Patience);
        panel.Find("[data-testid='hw-boot-up-cdrom']").Click();
        panel.Find(Input("hw-boot-enable-network")).Change(true);
        panel.Find("[data-testid='hw-boot-save']").Click();

        panel.WaitForAssertion(() => Assert.Equal(2, State.Hardware.Calls.Count), Patience);
        var calls = State.Hardware.Calls.ToArray();
        Assert.Equal((nameof(IAgentHub.SetGuestNicLink), Mac, (object?)false), (calls[0].Method, calls[0].Args[0], calls[0].Args[1]));
        Assert.False(State.Hardware.Guests[guest.Uuid].Nics[0].LinkUp);
        var boot = Assert.IsType<GuestBootChange>(calls[1].Args[0]);
        Assert.Equal(["cdrom", "hd", "network"], boot.Devices);
    }

    [Fact]
    public void Chinese_users_see_chinese_labels()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

        var (_, panel) = RenderPanel(Roles.Viewer, GuestState.Running, hardware => hardware with { VCpus = 4 });

        Assert.Contains("内存", Text(panel, "hw-memory-card"));
        Assert.Contains("磁盘", Text(panel, "hw-disks-card"));
        Assert.Contains("网络接口", Text(panel, "hw-nics-card"));
        Assert.Contains("启动顺序", Text(panel, "hw-boot-card"));
        Assert.Equal("下次启动时生效：4", Assert.Single(panel.FindAll("[data-testid='hw-next-boot']")).TextContent.Trim());
    }

    [Fact]
    public void A_new_volume_disk_goes_to_the_first_active_pool_with_the_size_asked()
    {
        State.Resources.Pools =
        [
            new StoragePoolSummary(HostId, "stopped", "u-1", "dir", false, false, true, 0, 0, 0, "/srv/stopped"),
            new StoragePoolSummary(HostId, "images", "u-2", "dir", true, true, true, (ulong)(100 * GiB), (ulong)(40 * GiB), (ulong)(60 * GiB), "/var/lib/libvirt/images"),
        ];
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='hw-disk-add']").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("value=\"images\"", Dialogs.Markup), Patience);
        Dialogs.Find(Input("hw-disk-add-size")).Change("25");
        Dialogs.Find(Input("hw-disk-add-name")).Change("data.qcow2");
        Dialogs.Find("[data-testid='hw-disk-add-confirm']").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='hw-disk-add-dialog']")), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal(nameof(IAgentHub.AddGuestDisk), call.Method);
        Assert.Equal(new GuestDiskAdd(GuestDiskSourceKind.NewVolume, "images", "data.qcow2", 25 * GiB, "qcow2", "virtio", null), call.Args[0]);
        Assert.Contains(State.Hardware.Guests[guest.Uuid].Disks, d => d.Target == "vdb" && d.Volume == "data.qcow2");
    }

    [Fact]
    public void A_refused_mac_keeps_the_nic_dialog_open_with_the_agents_message()
    {
        State.Resources.Networks =
        [
            new VirtualNetworkSummary(HostId, "lab", "u-3", VirtualNetworkMode.Isolated, "virbr9", "10.9.0.1/24", null, null, true, true, true, []),
        ];
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.Running);
        State.Hardware.NextResult = ActionResult.Refused([new ProblemDto("Mac", "Mac.Multicast", ["01:00:5e:00:00:01"])]);

        panel.Find("[data-testid='hw-nic-add']").Click();
        Dialogs.WaitForAssertion(() => Assert.Contains("value=\"lab\"", Dialogs.Markup), Patience);
        Dialogs.Find(Input("hw-nic-mac")).Change("01:00:5e:00:00:01");
        Dialogs.Find("[data-testid='hw-nic-confirm']").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("multicast", Dialogs.Find("[data-testid='hw-nic-error']").TextContent), Patience);
        Assert.Equal("01:00:5e:00:00:01", Dialogs.Find(Input("hw-nic-mac")).GetAttribute("value"));
        Assert.Single(State.Hardware.Guests[guest.Uuid].Nics);

        State.Hardware.NextResult = ActionResult.Success;
        Dialogs.Find(Input("hw-nic-mac")).Change("52:54:00:aa:bb:cc");
        Dialogs.Find("[data-testid='hw-nic-confirm']").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='hw-nic-dialog']")), Patience);
        Assert.Equal(new GuestNicChange("network", "lab", "virtio", "52:54:00:aa:bb:cc"), State.Hardware.Calls.Last().Args[0]);
        Assert.Equal(1, _changed);
    }

    [Fact]
    public void Ejecting_empties_the_cdrom_drive()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.Running);
        var hardware = State.Hardware.Guests[guest.Uuid];
        var loaded = hardware with { Disks = [hardware.Disks[0], hardware.Disks[1] with { SourcePath = "/isos/fedora.iso", Pool = "isos", Volume = "fedora.iso" }] };
        State.Hardware.Guests[guest.Uuid] = loaded;
        panel.Render(parameters => parameters.Add(p => p.Details, Details(guest, loaded)));
        Assert.Contains("isos/fedora.iso", Text(panel, "hw-disk-row-sda"));

        panel.Find("[data-testid='hw-disk-media-sda']").Click();
        Assert.Contains("/isos/fedora.iso", Dialogs.WaitForElement("[data-testid='hw-disk-media-current']", Patience).TextContent);
        Dialogs.Find("[data-testid='hw-disk-media-eject']").Click();

        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='hw-disk-media-dialog']")), Patience);
        var call = Assert.Single(State.Hardware.Calls);
        Assert.Equal((nameof(IAgentHub.ChangeGuestMedia), "sda", null, null), (call.Method, call.Args[0], call.Args[1], call.Args[2]));
        Assert.Null(State.Hardware.Guests[guest.Uuid].Disks[1].SourcePath);
    }
}
