using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests;

internal static class TaskWaiting
{
    /// <summary>Waits for a task the agent started to finish, and returns how it ended.</summary>
    public static async Task<AgentTaskInfo> WaitForTaskAsync(this HubConnection hub, ProvisioningResult started, TimeSpan wait)
    {
        Assert.True(started.Ok, started.AsAction().ToString());
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var task = (await hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks))).Single(t => t.TaskId == started.TaskId);
            if (task.State != AgentTaskState.Running)
            {
                return task;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task {task.Kind} {task.Target} still running: {string.Join(" | ", task.Log)}");
            await Task.Delay(200);
        }
    }
}
