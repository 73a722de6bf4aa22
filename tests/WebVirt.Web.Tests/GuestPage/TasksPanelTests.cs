using Bunit;
using WebVirt.Contracts;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests.GuestPage;

/// <summary>The tasks panel's clean-up goes through the gateway, so only a role that may start tasks is offered it.</summary>
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((entries = await AuditOfAsync(user)).Count == 0)
        {
            await Task.Delay(25, timeout.Token);
        }

        var entry = Assert.Single(entries);
        Assert.Equal(("clean-up-task", AuditEntry.ResultOk, task.TaskId), (entry.Action, entry.Result, entry.Detail));
    }

    private async Task<(AgentTaskInfo Task, string Target)> AddInterruptedTaskAsync()
    {
        var target = "tp-" + Guid.NewGuid().ToString("N")[..8];
        var task = new AgentTaskInfo("task-" + target, GuestPageFixture.HostId, "clone", target, null, AgentTaskState.Interrupted, 40, 1024, [],
            "admin", DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow, "Interrupted.", ["volume:pool1/" + target + ".img"]);
        Fixture.Agent.State.Provisioning.Tasks[task.TaskId] = task;
        await Fixture.Agent.Hub.Clients.All.TaskChanged(task);
        await GuestPageFixture.EventuallyAsync(() => Fixture.Agents.Tasks.Any(t => t.TaskId == task.TaskId));
        return (task, target);
    }
}
