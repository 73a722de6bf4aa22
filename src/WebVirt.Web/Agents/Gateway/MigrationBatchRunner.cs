using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// Moves several guests to one destination with the same choice, the one place that sequences migrations:
/// the dashboard's bulk migrate and a host's evacuation use it (and so can the REST API). Each guest goes through
/// <see cref="IMigrationGateway.MigrateAsync"/> on its own, so each is checked for rights, audited and refused on
/// its own, and becomes a task of its own on its source host; a refusal or failure of one never stops the others.
/// </summary>
/// <remarks>
/// At most <see cref="MaxConcurrent"/> migrations run at once. One alone leaves the link idle while a migration is
/// still granting, checking the destination or switching over (a few seconds each, see docs/migration.md); more
/// than two share the agents' relays and the link between hosts, so each live migration sends its memory slower
/// than the guest dirties it, takes longer to converge and holds its guest longer in the slowed-down phase, and a
/// failure halfway through leaves more guests to look at. Two keep the link busy without that.
/// Scoped like the gateway it calls (the caller's identity is the circuit's or request's): a batch stops starting
/// new migrations when its token is cancelled (the page's circuit ended); migrations already started run on.
/// </remarks>
public sealed class MigrationBatchRunner(IMigrationGateway gateway, AgentConnections agents) : IDisposable
{
    public const int MaxConcurrent = 2;

    /// <summary>Cancelled when the scope ends: no new migration starts for a circuit that is gone.</summary>
    private readonly CancellationTokenSource _scope = new();

    public void Dispose()
    {
        _scope.Cancel();
        _scope.Dispose();
    }

    /// <summary>Starts moving <paramref name="guests"/> and answers at once with the batch to follow.</summary>
    public MigrationBatch Start(IReadOnlyList<GuestInfo> guests, MigrationChoice choice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guests);
        ArgumentNullException.ThrowIfNull(choice);
        var batch = new MigrationBatch(guests, choice);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(_scope.Token, cancellationToken);
        _ = RunAsync(batch, stop.Token).ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
        return batch;
    }

    /// <summary>The guests an evacuation of <paramref name="hostId"/> moves: those running (or paused) there now, by name.</summary>
    public IReadOnlyList<GuestInfo> RunningOn(string hostId) =>
        [.. agents.GuestsOf(hostId).Where(guest => guest.State is GuestState.Running or GuestState.Paused)
            .OrderBy(guest => guest.Name, StringComparer.CurrentCultureIgnoreCase)];

    /// <summary>The hosts the guests of <paramref name="hostId"/> may go to, the one with the most free memory first.</summary>
    public IReadOnlyList<HostView> DestinationsFrom(string hostId) =>
        [.. gateway.Destinations(hostId).OrderByDescending(host => host.Info?.MemoryFreeKiB ?? 0)];

    private async Task RunAsync(MigrationBatch batch, CancellationToken cancellationToken)
    {
        var next = -1;
        async Task WorkAsync()
        {
            while (Interlocked.Increment(ref next) is var index && index < batch.Count)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    batch.Update(index, entry => entry with { Step = BatchStep.Skipped });
                    continue;
                }

                await MoveAsync(batch, index, cancellationToken);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(MaxConcurrent, batch.Count)).Select(_ => WorkAsync()));
        }
        finally
        {
            batch.Complete();
        }
    }

    private async Task MoveAsync(MigrationBatch batch, int index, CancellationToken cancellationToken)
    {
        var guest = batch[index].Guest;
        batch.Update(index, entry => entry with { Step = BatchStep.Starting });
        ProvisioningResult result;
        try
        {
            result = await gateway.MigrateAsync(guest, batch.Choice, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            batch.Update(index, entry => entry with { Step = BatchStep.Skipped });
            return;
        }

        if (!result.Ok || result.TaskId is not { } taskId)
        {
            batch.Update(index, entry => entry with { Step = BatchStep.Refused, Refusal = result });
            return;
        }

        batch.Update(index, entry => entry with { Step = BatchStep.Running, TaskId = taskId });
        var ended = await WaitForEndAsync(guest.HostId, taskId, task => batch.Update(index, entry => entry with { Task = task }), cancellationToken);
        if (ended is not null)
        {
            batch.Update(index, entry => entry with { Step = ended.State == AgentTaskState.Succeeded ? BatchStep.Moved : BatchStep.Failed, Task = ended });
        }
    }

    /// <summary>Follows the task through the agents' pushes until it ends; null when the batch was stopped first.</summary>
    private async Task<AgentTaskInfo?> WaitForEndAsync(string hostId, string taskId, Action<AgentTaskInfo> seen, CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource<AgentTaskInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = (AgentTaskInfo?)null;
        var gate = new Lock();
        void Look()
        {
            if (agents.Tasks.FirstOrDefault(task => task.TaskId == taskId && task.HostId == hostId) is not { } task)
            {
                return;
            }

            lock (gate)
            {
                // Pushes of usage figures repeat the same task: only a new one is news.
                if (ReferenceEquals(task, last) || ended.Task.IsCompleted)
                {
                    return;
                }

                last = task;
            }

            seen(task);
            if (task.State != AgentTaskState.Running)
            {
                ended.TrySetResult(task);
            }
        }

        using var subscription = agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                Look();
            }
        });
        await using var stop = cancellationToken.Register(() => ended.TrySetResult(null));
        Look();
        return await ended.Task;
    }
}
