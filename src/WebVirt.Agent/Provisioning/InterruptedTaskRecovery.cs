using WebVirt.Agent.LocalState;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// At start, closes the tasks the previous run of the agent left running (it was killed or the host
/// went down): each is marked interrupted with an end time and pushed at once, then what it had made
/// is removed where that is safe. A full copy that libvirtd still writes cannot be aborted, so its
/// volume is removed as soon as the copy ends; what cannot be removed safely stays listed with the
/// task for the clean-up action.
/// </summary>
internal sealed partial class InterruptedTaskRecovery(
    LocalStateStore store,
    TaskTracker tasks,
    LeftoverRemover remover,
    TimeProvider time,
    ILogger<InterruptedTaskRecovery> logger) : BackgroundService
{
    public static readonly TaskText Stopped = TaskTracker.Stopped;

    /// <summary>How often a volume libvirtd is still copying is tried again.</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(2);

    /// <summary>How long a copy that outlived the agent may keep its volume busy before it is left for the clean-up action.</summary>
    private static readonly TimeSpan BusyLimit = TimeSpan.FromHours(2);

    private readonly SemaphoreSlim _cleaning = new(1, 1);

    /// <summary>Done once every interrupted task found at start is closed and cleaned (tests).</summary>
    public Task Recovered => _recovered.Task;

    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The clean-up action: tries again to remove what a finished task left; returns the task as it is now.</summary>
    public async Task<AgentTaskInfo?> CleanUpAsync(string taskId, CancellationToken ct)
    {
        if (tasks.Find(taskId) is not { State: not AgentTaskState.Running } task || task.Leftovers is not { Count: > 0 })
        {
            return tasks.Find(taskId);
        }

        await _cleaning.WaitAsync(ct);
        try
        {
            return await RemoveLeftoversAsync(task, TimeSpan.Zero, ct);
        }
        finally
        {
            _cleaning.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            IReadOnlyList<LocalTaskRecord> running;
            try
            {
                running = await store.RunningTasksAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.ReadFailed(logger, ex.Message);
                return;
            }

            await Task.WhenAll(running.Select(r => RecoverAsync(TaskTracker.FromRecord(r), stoppingToken)));
        }
        finally
        {
            _recovered.TrySetResult();
        }
    }

    private async Task RecoverAsync(AgentTaskInfo task, CancellationToken ct)
    {
        var leftovers = task.Leftovers ?? [];
        var error = leftovers.Count == 0 ? Stopped : TaskText.Of(ErrorCodes.TaskInterruptedRemoving, TaskArguments.Leftovers(leftovers));
        var closed = task with
        {
            State = AgentTaskState.Interrupted,
            FinishedAt = time.GetUtcNow(),
            Error = error,
            Log = [.. task.Log, Line(error)],
        };
        await tasks.PublishAsync(closed);
        Log.Interrupted(logger, task.Kind, task.Target, leftovers.Count);
        if (leftovers.Count > 0)
        {
            await RemoveLeftoversAsync(closed, BusyLimit, ct);
        }
    }

    private async Task<AgentTaskInfo> RemoveLeftoversAsync(AgentTaskInfo task, TimeSpan busyLimit, CancellationToken ct)
    {
        var removed = new List<TaskLeftover>();
        var kept = new List<TaskLeftover>();
        var log = task.Log.ToList();

        // Guests first: a half-made clone's volumes are in use until its definition is gone.
        var all = (task.Leftovers ?? []).Select(s => (Stored: s, Parsed: TaskLeftover.Parse(s))).ToList();
        foreach (var (stored, leftover) in all.OrderBy(l => l.Parsed?.Kind == TaskLeftoverKind.Guest ? 0 : 1))
        {
            if (leftover is null)
            {
                continue;
            }

            var (outcome, reason) = await RemoveWaitingAsync(leftover, task, log, busyLimit, ct);
            (outcome == LeftoverOutcome.Removed ? removed : kept).Add(leftover);
            log.Add(Line(reason));
        }

        // An interrupted task's error names what was removed and what is left; a failed task keeps
        // its own error, and its log says what the clean-up removed.
        var error = task.State == AgentTaskState.Interrupted || task.Error is null
            ? kept.Count == 0
                ? TaskText.Of(ErrorCodes.TaskInterruptedRemoved, TaskArguments.Leftovers(removed.Select(l => l.Stored)))
                : TaskText.Of(ErrorCodes.TaskInterruptedCleaned, TaskArguments.Leftovers(removed.Select(l => l.Stored)), TaskArguments.Leftovers(kept.Select(l => l.Stored)))
            : task.Error;
        var done = task with { Error = error, Log = log, Leftovers = [.. kept.Select(k => k.Stored)] };
        await tasks.PublishAsync(done);
        return done;
    }

    private async Task<(LeftoverOutcome Outcome, TaskText Reason)> RemoveWaitingAsync(TaskLeftover leftover, AgentTaskInfo task, List<TaskLogEntry> log, TimeSpan busyLimit, CancellationToken ct)
    {
        long started = time.GetTimestamp();
        bool told = false;
        while (true)
        {
            (LeftoverOutcome outcome, TaskText reason) result;
            try
            {
                result = await remover.RemoveAsync(leftover, ct);
            }
            catch (Exception ex) when (ex is WebVirt.Agent.Session.LibvirtUnavailableException)
            {
                result = (LeftoverOutcome.Kept, TaskText.Of(ErrorCodes.TaskLeftoverRefused, leftover.Argument).Because(TaskCauses.Of(ex, "clean-up")));
            }

            if (result.outcome != LeftoverOutcome.Busy || time.GetElapsedTime(started) >= busyLimit)
            {
                return result;
            }

            if (!told)
            {
                told = true;
                log.Add(Line(TaskText.Of(ErrorCodes.TaskLeftoverBusy, leftover.Argument)));
                await tasks.PublishAsync(task with { Log = [.. log] });
            }

            await Task.Delay(BusyRetry, time, ct);
        }
    }

    private TaskLogEntry Line(TaskText text) => new(time.GetUtcNow(), text);

    private static partial class Log
    {
        [LoggerMessage(EventId = 6010, Level = LogLevel.Warning, Message = "The {Kind} task of {Target} was interrupted by an agent stop; {Count} things it made are being removed")]
        public static partial void Interrupted(ILogger logger, string kind, string target, int count);

        [LoggerMessage(EventId = 6011, Level = LogLevel.Error, Message = "Could not read the tasks left running: {Error}")]
        public static partial void ReadFailed(ILogger logger, string error);
    }
}
