using System.Globalization;
using Bunit;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

/// <summary>The tasks panel's clean-up and stop go through the gateway, so only a user who may start such tasks on the task's host is offered them.</summary>
[Collection(GuestPageCollection.Name)]
public sealed class TasksPanelTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    [Fact]
    public async Task A_viewer_sees_the_leftovers_but_is_not_offered_the_clean_up()
    {
        var (task, target) = await AddInterruptedTaskAsync();

        var panel = RenderAs<TasksPanel>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{target}'] [data-testid='task-leftovers']")));
        Assert.Empty(panel.FindAll($"[data-testid='task-{target}'] [data-testid='task-cleanup']"));
        Assert.NotEmpty(Fixture.Agents.Tasks.Single(t => t.TaskId == task.TaskId).Leftovers!);
    }

    [Fact]
    public async Task An_operators_clean_up_removes_the_leftovers_and_is_audited()
    {
        var (task, target) = await AddInterruptedTaskAsync();
        var user = NewUser(Roles.Operator);

        var panel = RenderAs<TasksPanel>(user, Roles.Operator, _ => { });
        panel.WaitForAssertion(() => panel.Find($"[data-testid='task-{target}'] [data-testid='task-cleanup']").Click());

        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Single(t => t.TaskId == task.TaskId).Leftovers is { Count: 0 });
        // The agent's push may overtake the audit record, which is written once the call has returned.
        List<AuditEntry> entries = [];
        await Eventually.TrueAsync(async () => (entries = await AuditOfAsync(user)).Count > 0, TimeSpan.FromSeconds(10));

        var entry = Assert.Single(entries);
        Assert.Equal(("clean-up-task", AuditEntry.ResultOk, task.TaskId), (entry.Action, entry.Result, entry.Detail));
    }

    [Fact]
    public async Task A_task_list_read_does_not_undo_a_push_that_came_in_while_it_was_read()
    {
        var (task, _) = await AddInterruptedTaskAsync();
        var cleaned = task with { Leftovers = [] };
        Fixture.Agent.State.Provisioning.BeforeTasksAnswer = async () =>
        {
            Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = cleaned;
            await Fixture.Agent.Hub.Clients.All.TaskChanged(cleaned);
            // The console has taken the push before the (older) list reaches it.
            await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Single(t => t.TaskId == task.TaskId).Leftovers is { Count: 0 });
        };

        await Fixture.Agents.LoadTasksAsync(CancellationToken.None);

        Assert.Empty(Fixture.Agents.Tasks.Single(t => t.TaskId == task.TaskId).Leftovers!);
    }

    [Fact]
    public async Task Opening_the_panel_asks_no_agent_for_its_tasks_and_shows_those_the_console_keeps()
    {
        var (_, target) = await AddInterruptedTaskAsync();
        var asked = false;
        Fixture.Agent.State.Provisioning.BeforeTasksAnswer = () =>
        {
            asked = true;
            return Task.CompletedTask;
        };
        try
        {
            var panel = RenderAs<TasksPanel>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });
            panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{target}']")));
            // Long enough for a task list read to reach the agent, had the panel asked for one.
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            Assert.False(asked);
        }
        finally
        {
            Fixture.Agent.State.Provisioning.BeforeTasksAnswer = null;
        }
    }

    [Fact]
    public async Task A_guests_new_cpu_figure_does_not_render_the_panel_and_a_task_push_does()
    {
        var (_, first) = await AddInterruptedTaskAsync();
        var guest = (await Fixture.AddGuestAsync("tasks-usage")).Guest;
        var panel = RenderAs<TasksPanel>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{first}']")));
        // Settled: the panel's first renders (its task list read from the agents) are done.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var renders = panel.RenderCount;

        // At scale every running guest's CPU % is pushed on every poll, thousands a second: none may queue a render.
        for (var i = 1; i <= 20; i++)
        {
            await Fixture.Agent.Hub.Clients.All.GuestChanged(guest with { CpuPercent = i, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(i) });
        }

        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Guests.Any(g => g.Uuid == guest.Uuid && g.CpuPercent == 20));
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.Equal(renders, panel.RenderCount);

        var (_, second) = await AddInterruptedTaskAsync();
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{second}']")));
    }

    [Fact]
    public async Task In_chinese_an_interrupted_and_a_failed_task_read_in_chinese_and_name_what_was_left()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var (_, interrupted) = await AddInterruptedTaskAsync(TaskText.Of(ErrorCodes.TaskInterruptedRemoving, TaskArguments.Leftovers(["volume:pool1/copy.img"])));
        var (_, failed) = await AddInterruptedTaskAsync(
            TaskText.Of(ErrorCodes.TaskFailedCopyDisks).Because(Failure.Of("VIR_ERR_NO_SPACE", "no space")),
            [new TaskLogEntry(DateTimeOffset.UtcNow, TaskText.Of(ErrorCodes.TaskCloneCopying, "/p/base.img", "copy.img", "pool1")), new TaskLogEntry(null, TaskText.Stored("12:00:00 old line"))],
            AgentTaskState.Failed);

        var panel = RenderAs<TasksPanel>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{failed}'] [data-testid='task-error']")));
        string interruptedError = panel.Find($"[data-testid='task-{interrupted}'] [data-testid='task-error']").TextContent;
        Assert.Equal("已中断：任务运行时代理停止了。正在删除它创建的内容：存储池 pool1 中的卷 copy.img。", interruptedError.Trim());
        Assert.Contains("存储池 pool1 中的卷 " + interrupted + ".img", panel.Find($"[data-testid='task-{interrupted}'] [data-testid='task-leftovers']").TextContent, StringComparison.Ordinal);
        Assert.Equal("复制磁盘失败：libvirt 拒绝了操作（VIR_ERR_NO_SPACE）：no space", panel.Find($"[data-testid='task-{failed}'] [data-testid='task-error']").TextContent.Trim());
        string log = panel.Find($"[data-testid='task-{failed}'] [data-testid='task-log']").TextContent;
        Assert.Contains("正在将 /p/base.img 复制到存储池 pool1 中的 copy.img", log, StringComparison.Ordinal);
        Assert.Contains("12:00:00 old line", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Task.", panel.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("en", "Cancelled", "Migration cancelled: guest {0} stays on this host", "Failed")]
    [InlineData("zh-Hans", "已取消", "迁移已取消：虚拟机 {0} 仍在本主机上", "失败")]
    public async Task A_cancelled_migration_reads_cancelled_not_failed_and_a_failed_one_still_failed(string language, string cancelledState, string outcome, string failedState)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        var (_, cancelled) = await AddEndedMigrationAsync(AgentTaskState.Cancelled, TaskText.Of(ErrorCodes.TaskMigrationCancelled, "g1"));
        var (_, failed) = await AddEndedMigrationAsync(AgentTaskState.Failed, TaskText.Of(ErrorCodes.TaskFailedMigration).Because(Failure.Of("VIR_ERR_OPERATION_FAILED", "broken")));

        var panel = RenderAs<TasksPanel>(NewUser(Roles.Viewer), Roles.Viewer, _ => { });

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{cancelled}'] [data-testid='task-cancelled']")));
        Assert.Equal(cancelledState, panel.Find($"[data-testid='task-{cancelled}'] [data-testid='task-state']").TextContent.Trim());
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, outcome, "g1"), panel.Find($"[data-testid='task-{cancelled}'] [data-testid='task-cancelled']").TextContent.Trim());
        Assert.Empty(panel.FindAll($"[data-testid='task-{cancelled}'] [data-testid='task-error']"));
        Assert.Equal(failedState, panel.Find($"[data-testid='task-{failed}'] [data-testid='task-state']").TextContent.Trim());
        Assert.NotEmpty(panel.FindAll($"[data-testid='task-{failed}'] [data-testid='task-error']"));
        Assert.Empty(panel.FindAll($"[data-testid='task-{failed}'] [data-testid='task-cancelled']"));
    }

    [Fact]
    public async Task An_administrator_cancels_a_running_download_after_confirming_and_it_is_audited()
    {
        var task = await AddRunningDownloadAsync();
        var user = NewUser(Roles.Administrator);
        SignIn(user, Roles.Administrator);
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<TasksPanel>();

        panel.WaitForAssertion(() => panel.Find($"[data-testid='task-{task.Target}'] [data-testid='task-cancel']").Click());
        dialogs.WaitForAssertion(() => Assert.Contains($"Cancel the task “Download {task.Target}”?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.Find("[data-testid='confirm-ok']").Click();

        await GuestPageFixture.EventuallyAsync(() => CancelRequests(task).Count == 1);
        List<AuditEntry> entries = [];
        await Eventually.TrueAsync(async () => (entries = await AuditOfAsync(user)).Count > 0, TimeSpan.FromSeconds(10));

        var entry = Assert.Single(entries);
        Assert.Equal(("cancel-task", AuditEntry.ResultOk), (entry.Action, entry.Result));
        Assert.Contains(task.TaskId, entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operator_is_not_offered_to_stop_a_download_which_takes_managing_storage()
    {
        var task = await AddRunningDownloadAsync();
        var panel = RenderAs<TasksPanel>(NewUser(Roles.Operator), Roles.Operator, _ => { });

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{task.Target}']")));
        Assert.Empty(panel.FindAll($"[data-testid='task-{task.Target}'] [data-testid='task-cancel']"));
        Assert.Empty(CancelRequests(task));
    }

    [Fact]
    public async Task An_administrator_of_the_tasks_host_only_stops_its_download_and_cleans_up_its_leftovers()
    {
        var download = await AddRunningDownloadAsync();
        var (_, leftover) = await AddInterruptedTaskAsync();

        var panel = RenderGranted(await GrantedUser.CreateAsync(Fixture.Factory, (HostPath, Roles.Administrator)));

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll($"[data-testid='task-{download.Target}'] [data-testid='task-cancel']")));
        Assert.Single(panel.FindAll($"[data-testid='task-{leftover}'] [data-testid='task-cleanup']"));
    }

    [Fact]
    public async Task An_operator_of_the_tasks_host_only_cleans_up_but_may_not_stop_a_download()
    {
        var download = await AddRunningDownloadAsync();
        var (_, leftover) = await AddInterruptedTaskAsync();

        var panel = RenderGranted(await GrantedUser.CreateAsync(Fixture.Factory, (HostPath, Roles.Operator)));

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll($"[data-testid='task-{leftover}'] [data-testid='task-cleanup']")));
        Assert.Empty(panel.FindAll($"[data-testid='task-{download.Target}'] [data-testid='task-cancel']"));
    }

    [Fact]
    public async Task A_viewer_who_administers_another_host_sees_the_tasks_but_may_do_nothing_with_them()
    {
        var download = await AddRunningDownloadAsync();
        var (_, leftover) = await AddInterruptedTaskAsync();

        var panel = RenderGranted(await GrantedUser.CreateAsync(Fixture.Factory, ("/", Roles.Viewer), (HostPath + "-other", Roles.Administrator)));

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll($"[data-testid='task-{leftover}'] [data-testid='task-leftovers']")));
        Assert.NotEmpty(panel.FindAll($"[data-testid='task-{download.Target}']"));
        Assert.Empty(panel.FindAll("[data-testid='task-cancel']"));
        Assert.Empty(panel.FindAll("[data-testid='task-cleanup']"));
    }

    private static string HostPath => $"/hosts/{GuestPageFixture.HostId}";

    private IRenderedComponent<TasksPanel> RenderGranted(System.Security.Claims.ClaimsPrincipal user)
    {
        GrantedUser.SignIn(this, user);
        Render<MudDialogProvider>();
        return Render<TasksPanel>();
    }

    private List<object?> CancelRequests(AgentTaskInfo task) =>
        [.. Fixture.Agent.State.Resources.Changes.Where(c => c.Method == "RequestTaskCancel" && Equals(c.Argument, task.TaskId)).Select(c => c.Argument)];

    private async Task<AgentTaskInfo> AddRunningDownloadAsync()
    {
        var target = "dl-" + Guid.NewGuid().ToString("N")[..8] + ".img";
        var task = new AgentTaskInfo("task-" + target, GuestPageFixture.HostId, "download", target, null, AgentTaskState.Running, 10, 1024, [],
            "admin", DateTimeOffset.UtcNow, null, null, Cancellable: true);
        Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await Fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
        return task;
    }

    private async Task<(AgentTaskInfo Task, string Target)> AddEndedMigrationAsync(AgentTaskState state, TaskText outcome)
    {
        var target = "mg-" + Guid.NewGuid().ToString("N")[..8];
        var task = new AgentTaskInfo("task-" + target, GuestPageFixture.HostId, "migrate", target, null, state, 40, 1024, [new TaskLogEntry(DateTimeOffset.UtcNow, outcome)],
            "admin", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, outcome);
        Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await Fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
        return (task, target);
    }

    private async Task<(AgentTaskInfo Task, string Target)> AddInterruptedTaskAsync(TaskText? error = null, IReadOnlyList<TaskLogEntry>? log = null, AgentTaskState state = AgentTaskState.Interrupted)
    {
        var target = "tp-" + Guid.NewGuid().ToString("N")[..8];
        var task = new AgentTaskInfo("task-" + target, GuestPageFixture.HostId, "clone", target, null, state, 40, 1024, log ?? [],
            "admin", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, error ?? TaskText.Of(ErrorCodes.TaskInterrupted), ["volume:pool1/" + target + ".img"]);
        Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await Fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
        return (task, target);
    }
}
