using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Guest;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestSnapshotsTests;

public sealed class GuestSnapshotsPanelTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<MudDialogProvider>? _dialogs;

    private IRenderedComponent<MudDialogProvider> Dialogs => _dialogs ?? throw new InvalidOperationException("Render the panel first.");

    /// <summary>base ─ updated (current) ─ tested; base ─ alternative.</summary>
    private static IReadOnlyList<GuestSnapshotInfo> Tree() =>
    [
        new("base", "fresh install", Start, "shutoff", null, false, false),
        new("updated", "after dnf upgrade", Start.AddHours(1), "running", "base", true, true),
        new("alternative", null, Start.AddHours(2), "shutoff", "base", false, false),
        new("tested", null, Start.AddHours(3), "running", "updated", false, false),
    ];

    private (GuestInfo Guest, IRenderedComponent<GuestSnapshotsPanel> Panel) RenderPanel(string role, GuestState state = GuestState.Running)
    {
        SignInAs(role);
        var guest = AddGuest("snap-" + Guid.NewGuid().ToString("N")[..8], state);
        State.Snapshots.Set(guest.Uuid, Tree());
        _dialogs = RenderDialogs();
        var panel = Render<GuestSnapshotsPanel>(parameters => parameters.Add(p => p.HostId, HostId).Add(p => p.Guest, guest));
        panel.WaitForElement("[data-testid='snapshot-row-base']", Patience);
        return (guest, panel);
    }

    private static List<(string? Name, string? Depth)> Rows(IRenderedComponent<GuestSnapshotsPanel> panel) =>
        [.. panel.FindAll("[data-testid^='snapshot-row-']").Select(r => (r.GetAttribute("data-testid")?["snapshot-row-".Length..], r.GetAttribute("data-depth")))];

    [Fact]
    public void The_tree_nests_children_under_their_parent_and_marks_the_current_one()
    {
        var (_, panel) = RenderPanel(Roles.Viewer);

        Assert.Equal([("base", "0"), ("updated", "1"), ("tested", "2"), ("alternative", "1")], Rows(panel));
        Assert.Single(panel.FindAll("[data-testid='snapshot-row-updated'] [data-testid='snapshot-current']"));
        Assert.Single(panel.FindAll("[data-testid='snapshot-current']"));
        var updated = panel.Find("[data-testid='snapshot-row-updated']").TextContent;
        Assert.Contains("after dnf upgrade", updated);
        Assert.Contains("Running", updated);
        Assert.Contains("Yes", updated);
        Assert.Contains(Start.AddHours(1).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), updated);
    }

    [Fact]
    public void Viewers_see_the_snapshots_but_no_buttons()
    {
        var (_, panel) = RenderPanel(Roles.Viewer);

        Assert.Equal(4, Rows(panel).Count);
        Assert.Empty(panel.FindAll("[data-testid='snapshot-create'], [data-testid^='snapshot-revert-'], [data-testid^='snapshot-delete-']"));
    }

    [Fact]
    public async Task Revert_says_what_is_lost_and_only_acts_when_confirmed()
    {
        var (guest, panel) = RenderPanel(Roles.Operator, GuestState.ShutOff);
        var taken = Start.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

        panel.Find("[data-testid='snapshot-revert-base']").Click();
        var message = Dialogs.WaitForElement("[data-testid='confirm-dialog']", Patience).TextContent;
        Assert.Contains($"Changes made to the disks of {guest.Name} since {taken} are lost", message);
        Dialogs.Find("[data-testid='confirm-cancel']").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='confirm-dialog']")), Patience);
        Assert.Empty(State.Snapshots.Calls);

        // "updated" holds memory: reverting to it loses the memory too.
        panel.Find("[data-testid='snapshot-revert-updated']").Click();
        Assert.Contains("disks and memory", Dialogs.WaitForElement("[data-testid='confirm-dialog']", Patience).TextContent);
        Dialogs.Find("[data-testid='confirm-cancel']").Click();
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='confirm-dialog']")), Patience);

        panel.Find("[data-testid='snapshot-revert-base']").Click();
        Dialogs.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid='snapshot-row-base'] [data-testid='snapshot-current']")), Patience);
        Assert.Equal((nameof(IAgentHub.RevertGuestSnapshot), guest.Uuid, (object)"base"), Assert.Single(State.Snapshots.Calls));
        var entry = Assert.Single(await AuditEntriesAsync(guest));
        Assert.Equal(("revert-snapshot", AuditEntry.ResultOk, guest.Name, "base"), (entry.Action, entry.Result, entry.TargetGuestName, entry.Detail));
    }

    [Fact]
    public void Create_sends_name_description_and_memory_and_the_new_snapshot_becomes_current()
    {
        var (guest, panel) = RenderPanel(Roles.Operator);

        panel.Find("[data-testid='snapshot-create']").Click();
        Dialogs.WaitForElement(Input("snapshot-name"), Patience).Input("before-upgrade");
        Dialogs.Find("[data-testid='snapshot-description'] textarea, textarea[data-testid='snapshot-description']").Change("kernel 6.12");
        Dialogs.Find("[data-testid='snapshot-create-confirm']").Click();

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid='snapshot-row-before-upgrade'] [data-testid='snapshot-current']")), Patience);
        var call = Assert.Single(State.Snapshots.Calls);
        Assert.Equal((nameof(IAgentHub.CreateGuestSnapshot), guest.Uuid), (call.Method, call.Uuid));
        Assert.Equal(new GuestSnapshotCreate("before-upgrade", "kernel 6.12", true), call.Argument);
        // Its parent was the current snapshot, so it sits under "updated".
        Assert.Contains(("before-upgrade", "2"), Rows(panel));
        Dialogs.WaitForAssertion(() => Assert.Empty(Dialogs.FindAll("[data-testid='snapshot-create-dialog']")), Patience);
    }

    [Theory]
    [InlineData("en", ErrorCodes.SnapshotNotFrozenNoAgent, "Snapshot taken without freezing file systems: the guest agent is not running.", Severity.Warning)]
    [InlineData("zh-Hans", ErrorCodes.SnapshotNotFrozenNoAgent, "快照已创建，但未冻结文件系统：客户机代理未运行。", Severity.Warning)]
    [InlineData("en", ErrorCodes.SnapshotFrozen, "Snapshot taken while the guest agent held the file systems frozen (frozen: 1).", Severity.Info)]
    public void A_created_snapshot_says_whether_the_guest_agent_froze_the_file_systems(string culture, string code, string text, Severity severity)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var (_, panel) = RenderPanel(Roles.Operator);
        State.Snapshots.NextNotice = code == ErrorCodes.SnapshotFrozen ? AgentText.Of(code, "1") : AgentText.Of(code);

        panel.Find("[data-testid='snapshot-create']").Click();
        Dialogs.WaitForElement(Input("snapshot-name"), Patience).Input("agent-check");
        Dialogs.Find("[data-testid='snapshot-create-confirm']").Click();

        panel.WaitForElement("[data-testid='snapshot-row-agent-check']", Patience);
        var snackbar = Services.GetRequiredService<ISnackbar>();
        panel.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == text && s.Severity == severity), Patience);
    }

    [Fact]
    public void A_refused_create_keeps_the_dialog_with_the_agents_message()
    {
        var (_, panel) = RenderPanel(Roles.Operator, GuestState.ShutOff);
        State.Snapshots.NextResult = ActionResult.Fail("VIR_ERR_OPERATION_UNSUPPORTED", "internal snapshots need qcow2 disks");

        panel.Find("[data-testid='snapshot-create']").Click();
        Assert.True(Dialogs.WaitForElement(Input("snapshot-memory"), Patience).HasAttribute("disabled"));
        Dialogs.Find(Input("snapshot-name")).Input("raw-disk");
        Dialogs.Find("[data-testid='snapshot-create-confirm']").Click();

        Dialogs.WaitForAssertion(() => Assert.Contains("internal snapshots need qcow2 disks", Dialogs.Find("[data-testid='snapshot-create-error']").TextContent), Patience);
        Assert.Equal("raw-disk", Dialogs.Find(Input("snapshot-name")).GetAttribute("value"));
        Assert.Equal(4, Rows(panel).Count);
    }

    [Fact]
    public void Delete_asks_first_and_hands_children_to_the_parent()
    {
        var (_, panel) = RenderPanel(Roles.Administrator);

        panel.Find("[data-testid='snapshot-delete-updated']").Click();
        Dialogs.WaitForElement("[data-testid='confirm-ok']", Patience).Click();

        panel.WaitForAssertion(() => Assert.Equal([("base", "0"), ("alternative", "1"), ("tested", "1")], Rows(panel)), Patience);
        Assert.Equal(nameof(IAgentHub.DeleteGuestSnapshot), Assert.Single(State.Snapshots.Calls).Method);
    }

    [Fact]
    public void Chinese_users_see_chinese_labels()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");

        var (_, panel) = RenderPanel(Roles.Operator);

        Assert.Contains("快照", panel.Find("[data-testid='snapshots-panel']").TextContent);
        Assert.Equal("当前", panel.Find("[data-testid='snapshot-current']").TextContent.Trim());
        Assert.Contains("创建快照", panel.Find("[data-testid='snapshot-create']").TextContent);
    }
}
