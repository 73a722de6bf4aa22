using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Pushes;
using WebVirt.Agent.LocalState;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tasks;

/// <summary>
/// The host's long-running tasks: each change is kept in memory, written to the agent's state file and
/// pushed to every console, so a page opened later shows the same progress and log.
/// </summary>
internal sealed partial class TaskTracker(
    LocalStateStore store,
    IConnectedWebs hub,
    IOptions<AgentOptions> options,
    TimeProvider time,
    ILogger<TaskTracker> logger)
{
    /// <summary>The error of a task the agent's stop cut off (the interrupted-task recovery closes such tasks at start).</summary>
    public static readonly TaskText Stopped = TaskText.Of(ErrorCodes.TaskInterrupted);

    private const int Kept = 50;
    private readonly ConcurrentDictionary<string, AgentTaskInfo> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _cancels = new(StringComparer.Ordinal);
    private int _loaded;

    private string HostId => options.Value.ResolvedHostId;

    public async Task<IReadOnlyList<AgentTaskInfo>> ListAsync(CancellationToken ct)
    {
        if (Interlocked.Exchange(ref _loaded, 1) == 0)
        {
            try
            {
                foreach (var record in await store.RecentTasksAsync(Kept, ct))
                {
                    // A task the store still calls running but this process does not know was cut off by a restart;
                    // InterruptedTaskRecovery closes it in the store and pushes the outcome.
                    var task = FromRecord(record);
                    _tasks.TryAdd(task.TaskId, task.State == AgentTaskState.Running
                        ? task with { State = AgentTaskState.Interrupted, Error = Stopped }
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

    /// <summary>Asks a running cancellable task to stop; false when no such task runs here.</summary>
    public bool Cancel(string taskId)
    {
        if (!_cancels.TryGetValue(taskId, out var source))
        {
            return false;
        }

        try
        {
            source.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            // The task ended between the lookup and the cancel.
            return false;
        }
    }

    internal void MakeCancellable(string taskId, CancellationTokenSource source) => _cancels[taskId] = source;

    internal void EndCancellable(string taskId) => _cancels.TryRemove(taskId, out _);

    /// <summary>
    /// Keeps, stores and pushes the task's new state. <paramref name="durable"/>: the call returns once the state
    /// file holds it (a start, what the task makes, an outcome); else the file follows (a log line, progress).
    /// </summary>
    internal async Task PublishAsync(AgentTaskInfo task, bool durable = true)
    {
        _tasks[task.TaskId] = task;
        if (task.State != AgentTaskState.Running)
        {
            _cancels.TryRemove(task.TaskId, out _);
        }

        foreach (var old in _tasks.Values.Where(t => t.State != AgentTaskState.Running).OrderByDescending(t => t.StartedAt).Skip(Kept))
        {
            _tasks.TryRemove(old.TaskId, out _);
        }

        // Written and pushed at once: the consoles need not wait for the state file's flush to disk. The
        // caller of a durable change still waits for both, so what a step makes next is on disk before it is made.
        await Task.WhenAll(SaveAsync(task, durable), hub.All.TaskChanged(task));
    }

    private async Task SaveAsync(AgentTaskInfo task, bool durable)
    {
        try
        {
            await (durable ? store.SaveTaskAsync(ToRecord(task), CancellationToken.None) : store.NoteTaskAsync(ToRecord(task)));
        }
        catch (Exception ex)
        {
            // The task goes on and is pushed; only its history misses this step.
            Log.StoreFailed(logger, ex.Message);
        }
    }

    internal DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A task of this host in memory, or null; the clean-up action looks up what a task left.</summary>
    public AgentTaskInfo? Find(string taskId) => _tasks.GetValueOrDefault(taskId);

    internal static AgentTaskInfo FromRecord(LocalTaskRecord r) =>
        new(r.Id.ToString("D"), r.HostId, r.Kind, r.Target, r.TargetUuid, Enum.TryParse(r.State, out AgentTaskState state) ? state : AgentTaskState.Failed,
            r.Percent, r.Bytes, [.. r.Log.Select(StoredTaskTexts.ReadLine)], r.User, r.StartedAt, r.FinishedAt,
            r.Error is null ? null : StoredTaskTexts.ReadText(r.Error), r.Leftovers);

    private static LocalTaskRecord ToRecord(AgentTaskInfo t) => new()
    {
        Id = Guid.Parse(t.TaskId),
        HostId = t.HostId,
        Kind = t.Kind,
        Target = t.Target,
        TargetUuid = t.TargetUuid,
        State = t.State.ToString(),
        Percent = t.Percent,
        Bytes = t.Bytes,
        Log = [.. t.Log.Select(StoredTaskTexts.Write)],
        User = t.User,
        StartedAt = t.StartedAt,
        FinishedAt = t.FinishedAt,
        Error = t.Error is null ? null : StoredTaskTexts.Write(t.Error),
        Leftovers = [.. t.Leftovers ?? []],
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Could not store a task: {Error}")]
        public static partial void StoreFailed(ILogger logger, string error);
    }
}

/// <summary>One running task: its steps report progress and log lines through here, one at a time.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The semaphore never makes a wait handle (no AvailableWaitHandle), so it holds nothing to free.")]
internal sealed class TaskHandle(TaskTracker tracker, AgentTaskInfo initial)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AgentTaskInfo _task = initial;

    public string Id { get; } = initial.TaskId;

    public AgentTaskInfo Current => _task;

    public Task LogAsync(TaskText line, int? percent = null, long? bytes = null, string? targetUuid = null) =>
        NoteAsync(t => t with
        {
            Log = [.. t.Log, new TaskLogEntry(tracker.Now, line)],
            Percent = percent ?? t.Percent,
            Bytes = bytes ?? t.Bytes,
            TargetUuid = targetUuid ?? t.TargetUuid,
        });

    /// <summary>Moves the progress (bytes copied so far) without a log line, for long downloads and copies.</summary>
    public Task ProgressAsync(long bytes, int? percent = null) =>
        NoteAsync(t => t with { Bytes = bytes, Percent = percent ?? t.Percent });

    /// <summary>A running migration's statistics, pushed with the task (percent of the data sent so far).</summary>
    public Task MigrationProgressAsync(MigrationProgress progress, int percent) =>
        NoteAsync(t => t with { Migration = progress, Bytes = progress.DataProcessed, Percent = percent });

    /// <summary>
    /// The migrated guest runs on the destination: said at once, though the task still stops the source's copy.
    /// No cancel any more: the guest has left, there is nothing to take back.
    /// </summary>
    public Task ArrivedAsync(TaskText line)
    {
        tracker.EndCancellable(Id);
        return NoteAsync(t => t with
        {
            Log = [.. t.Log, new TaskLogEntry(tracker.Now, line)],
            Migration = (t.Migration ?? new MigrationProgress(0, 0, 0, 0, 0, 0)) with { Arrived = true },
            Percent = 99,
            Cancellable = false,
        });
    }

    /// <summary>
    /// Records, before it is made, something the task makes (see <see cref="TaskLeftover"/>): it is stored
    /// with the task, so when the agent dies mid-way the next start knows what to remove.
    /// </summary>
    public Task MakingAsync(string leftover) =>
        UpdateAsync(t => t with { Leftovers = [.. t.Leftovers ?? [], leftover] });

    /// <summary>The thing is gone again (rolled back, or it never came to exist).</summary>
    public Task RemovedAsync(string leftover) =>
        UpdateAsync(t => t with { Leftovers = [.. (t.Leftovers ?? []).Where(l => l != leftover)] });

    /// <summary>
    /// Lets <see cref="TaskTracker.Cancel"/> stop the task: the returned source's token fires on a cancel
    /// or when <paramref name="stopping"/> does. The task disposes it once it ended.
    /// </summary>
    public async Task<CancellationTokenSource> CancellableAsync(CancellationToken stopping)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        tracker.MakeCancellable(Id, source);
        await NoteAsync(t => t with { Cancellable = true });
        return source;
    }

    /// <summary>Done: what the task made is now the guest or volume it was made for, not a leftover.</summary>
    public Task SucceedAsync(TaskText line) =>
        UpdateAsync(t => t with { Log = [.. t.Log, new TaskLogEntry(tracker.Now, line)], State = AgentTaskState.Succeeded, Percent = 100, FinishedAt = tracker.Now, Leftovers = [], Cancellable = false });

    /// <summary>Failed after its rollback: what is still listed is what the rollback could not remove.</summary>
    public Task FailAsync(TaskText error) =>
        UpdateAsync(t => t with { Log = [.. t.Log, new TaskLogEntry(tracker.Now, error)], State = AgentTaskState.Failed, Error = error, FinishedAt = tracker.Now, Cancellable = false });

    /// <summary>
    /// Stopped on a user's cancel after its rollback: <paramref name="outcome"/> (logged and kept as the task's
    /// <see cref="AgentTaskInfo.Error"/>) says what stays as it was; what is still listed could not be removed.
    /// </summary>
    public Task CancelledAsync(TaskText outcome) =>
        UpdateAsync(t => t with { Log = [.. t.Log, new TaskLogEntry(tracker.Now, outcome)], State = AgentTaskState.Cancelled, Error = outcome, FinishedAt = tracker.Now, Cancellable = false });

    /// <summary>A change a restarted agent needs (what the task makes, its outcome): on disk before the task goes on.</summary>
    private Task UpdateAsync(Func<AgentTaskInfo, AgentTaskInfo> change) => PublishAsync(change, durable: true);

    /// <summary>A log line or progress: pushed at once, written to disk in the background.</summary>
    private Task NoteAsync(Func<AgentTaskInfo, AgentTaskInfo> change) => PublishAsync(change, durable: false);

    private async Task PublishAsync(Func<AgentTaskInfo, AgentTaskInfo> change, bool durable)
    {
        await _gate.WaitAsync();
        try
        {
            _task = change(_task);
            await tracker.PublishAsync(_task, durable);
        }
        finally
        {
            _gate.Release();
        }
    }
}
