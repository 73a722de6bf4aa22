using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>The agent's long-running tasks as it last pushed them: the latest <see cref="KeptTasks"/> per agent.</summary>
internal sealed partial class AgentConnection
{
    public const int KeptTasks = 50;

    private readonly ConcurrentDictionary<string, AgentTaskInfo> _tasks = new(StringComparer.Ordinal);

    // Which push last brought each task, numbered in arrival order: see ReloadTasksAsync.
    private readonly ConcurrentDictionary<string, long> _taskPushedAt = new(StringComparer.Ordinal);
    private long _taskPushes;

    public IEnumerable<AgentTaskInfo> Tasks => _tasks.Values;

    /// <summary>Reads the agent's task list (after the page opens, to catch what ran before this process knew).</summary>
    public async Task LoadTasksAsync(CancellationToken cancellationToken)
    {
        var hub = Hub(cancellationToken) ?? throw new InvalidOperationException(_error ?? $"The agent of host '{_options.HostId}' is not connected.");
        await ReloadTasksAsync(hub);
        _changed(InventoryChange.State);
    }

    /// <summary>Since when the agent has been away (not connected), or null while it is connected.</summary>
    public DateTimeOffset? AwaySince { get; private set; }

    /// <summary>
    /// Re-reads the task list after (re)connecting: tasks the agent closed while this console was
    /// cut off (interrupted by an agent restart) are pushed before the console is back, so only a read shows them.
    /// </summary>
    private async Task ReloadTasksAsync(IAgentHub hub)
    {
        // SignalR completes the read on another thread, so a push that arrived after the answer can
        // be handled before the answer is: a task pushed since the read began is newer than the list.
        long readStarted = Interlocked.Read(ref _taskPushes);
        var tasks = await hub.GetTasks();
        foreach (var task in tasks)
        {
            if (!(_taskPushedAt.TryGetValue(task.TaskId, out long pushed) && pushed > readStarted))
            {
                UpsertTask(task);
            }
        }
    }

    private void NoteLink(AgentLinkState link) =>
        AwaySince = link == AgentLinkState.Connected ? null : AwaySince ?? DateTimeOffset.UtcNow;

    private void OnTaskChanged(AgentTaskInfo task)
    {
        _taskPushedAt[task.TaskId] = Interlocked.Increment(ref _taskPushes);
        UpsertTask(task);
        _changed(InventoryChange.State);
    }

    private void UpsertTask(AgentTaskInfo task)
    {
        // A push carries the task's whole state; a finished one never goes back to running.
        _tasks.AddOrUpdate(task.TaskId, task, (_, existing) => existing.State != AgentTaskState.Running && task.State == AgentTaskState.Running ? existing : task);
        foreach (var old in _tasks.Values.OrderByDescending(t => t.StartedAt).Skip(KeptTasks))
        {
            _tasks.TryRemove(old.TaskId, out _);
            _taskPushedAt.TryRemove(old.TaskId, out _);
        }
    }
}
