using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Hubs;
using WebVirt.Contracts;
using WebVirt.Data;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// The host's long-running tasks: each change is kept in memory, written to PostgreSQL and pushed to
/// every console, so a page opened later shows the same progress and log.
/// </summary>
internal sealed partial class TaskTracker(
    ProvisioningStore store,
    IHubContext<AgentHub, IAgentClient> hub,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<TaskTracker> logger)
{
    private const int Kept = 50;
    private readonly ConcurrentDictionary<string, AgentTaskInfo> _tasks = new(StringComparer.Ordinal);
    private int _loaded;

    private string HostId => options.Value.ResolvedHostId;

    public async Task<IReadOnlyList<AgentTaskInfo>> ListAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 0)
        {
            try
            {
                foreach (var record in await store.RecentTasksAsync(HostId, Kept, ct))
                {
                    // A task the store still calls running but this process does not know was cut off by a restart.
                    var task = FromRecord(record);
                    _tasks.TryAdd(task.TaskId, task.State == AgentTaskState.Running
                        ? task with { State = AgentTaskState.Failed, Error = "Interrupted: the agent stopped while the task ran." }
                        : task);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.StoreFailed(logger, ex.Message);
                Volatile.Write(ref _loaded, 0);
            }
        }

        return [.. _tasks.Values.OrderByDescending(t => t.StartedAt).Take(Kept)];
    }

    public Task<TaskHandle> StartAsync(string kind, string target, string user)
    {
        var task = new AgentTaskInfo(Guid.NewGuid().ToString("D"), HostId, kind, target, null, AgentTaskState.Running, 0, 0, [], user, time.GetUtcNow(), null, null);
        var handle = new TaskHandle(this, task);
        return PublishAsync(task).ContinueWith(_ => handle, TaskScheduler.Default);
    }

    internal async Task PublishAsync(AgentTaskInfo task)
    {
        _tasks[task.TaskId] = task;
        foreach (var old in _tasks.Values.Where(t => t.State != AgentTaskState.Running).OrderByDescending(t => t.StartedAt).Skip(Kept))
        {
            _tasks.TryRemove(old.TaskId, out _);
        }

        try
        {
            await store.SaveTaskAsync(ToRecord(task), CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The task goes on and is pushed; only its history misses this step.
            Log.StoreFailed(logger, ex.Message);
        }

        await hub.Clients.All.TaskChanged(task);
    }

    internal DateTimeOffset Now => time.GetUtcNow();

    private static AgentTaskInfo FromRecord(AgentTaskRecord r) =>
        new(r.Id.ToString("D"), r.HostId, r.Kind, r.Target, r.TargetUuid, Enum.TryParse(r.State, out AgentTaskState state) ? state : AgentTaskState.Failed,
            r.Percent, r.Bytes, r.Log, r.User, r.StartedAt, r.FinishedAt, r.Error);

    private static AgentTaskRecord ToRecord(AgentTaskInfo t) => new()
    {
        Id = Guid.Parse(t.TaskId),
        HostId = t.HostId,
        Kind = t.Kind,
        Target = t.Target,
        TargetUuid = t.TargetUuid,
        State = t.State.ToString(),
        Percent = t.Percent,
        Bytes = t.Bytes,
        Log = [.. t.Log],
        User = t.User,
        StartedAt = t.StartedAt,
        FinishedAt = t.FinishedAt,
        Error = t.Error,
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Could not store a task: {Error}")]
        public static partial void StoreFailed(ILogger logger, string error);
    }
}

/// <summary>One running task: its steps report progress and log lines through here, one at a time.</summary>
internal sealed class TaskHandle(TaskTracker tracker, AgentTaskInfo initial)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AgentTaskInfo _task = initial;

    public string Id { get; } = initial.TaskId;

    public AgentTaskInfo Current => _task;

    public Task LogAsync(string line, int? percent = null, long? bytes = null, string? targetUuid = null) =>
        UpdateAsync(t => t with
        {
            Log = [.. t.Log, $"{tracker.Now:HH:mm:ss} {line}"],
            Percent = percent ?? t.Percent,
            Bytes = bytes ?? t.Bytes,
            TargetUuid = targetUuid ?? t.TargetUuid,
        });

    /// <summary>Moves the progress (bytes copied so far) without a log line, for long downloads and copies.</summary>
    public Task ProgressAsync(long bytes, int? percent = null) =>
        UpdateAsync(t => t with { Bytes = bytes, Percent = percent ?? t.Percent });

    public Task SucceedAsync(string line) =>
        UpdateAsync(t => t with { Log = [.. t.Log, $"{tracker.Now:HH:mm:ss} {line}"], State = AgentTaskState.Succeeded, Percent = 100, FinishedAt = tracker.Now });

    public Task FailAsync(string error) =>
        UpdateAsync(t => t with { Log = [.. t.Log, $"{tracker.Now:HH:mm:ss} {error}"], State = AgentTaskState.Failed, Error = error, FinishedAt = tracker.Now });

    private async Task UpdateAsync(Func<AgentTaskInfo, AgentTaskInfo> change)
    {
        await _gate.WaitAsync();
        try
        {
            _task = change(_task);
            await tracker.PublishAsync(_task);
        }
        finally
        {
            _gate.Release();
        }
    }
}
