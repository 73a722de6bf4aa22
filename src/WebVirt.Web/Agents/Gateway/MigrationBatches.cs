using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// The batches of migrations (bulk migrates and host evacuations) the console runs, on the server: a batch goes on when
/// the page or the API request that started it is gone, every page shows it through <see cref="Changed"/>, and it stops
/// starting guests when a user cancels it. Each guest goes through <see cref="IMigrationGateway.MigrateAsync"/> on its
/// own, in a scope of its own acting as the user who started the batch: each is checked for rights, audited and refused
/// on its own, and becomes a task of its own on its source host; a refusal or failure of one never stops the others.
/// </summary>
/// <remarks>
/// At most <see cref="MaxConcurrent"/> migrations run at once. One alone leaves the link idle while a migration is
/// still granting, checking the destination or switching over (a few seconds each, see docs/migration.md); more
/// than two share the agents' relays and the link between hosts, so each live migration sends its memory slower
/// than the guest dirties it, takes longer to converge and holds its guest longer in the slowed-down phase, and a
/// failure halfway through leaves more guests to look at. Two keep the link busy without that.
/// Each batch is written to PostgreSQL on every step a guest takes (<see cref="MigrationBatchStore"/>), so a restart of
/// the console takes up a batch that was running (<see cref="ResumeAsync"/>) and still lists the ended ones.
/// </remarks>
public sealed partial class MigrationBatches : IDisposable
{
    public const int MaxConcurrent = 2;

    /// <summary>How many ended batches stay listed for pages and the API to read.</summary>
    public const int EndedKept = 50;

    /// <summary>Cancelled when the console stops: no new migration starts then.</summary>
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>The token of <see cref="_shutdown"/>, which workers may still read once it is disposed.</summary>
    private readonly CancellationToken _stopping;
    private readonly Lock _lock = new();
    private readonly List<MigrationBatch> _batches = [];
    private readonly IServiceScopeFactory _scopes;
    private readonly AgentConnections _agents;
    private readonly TimeProvider _time;
    private readonly MigrationBatchStore _store;
    private readonly ILogger<MigrationBatches> _logger;

    public MigrationBatches(IServiceScopeFactory scopes, AgentConnections agents, MigrationBatchStore store, TimeProvider time, ILogger<MigrationBatches> logger)
    {
        _scopes = scopes;
        _agents = agents;
        _store = store;
        _time = time;
        _logger = logger;
        _stopping = _shutdown.Token;
    }

    /// <summary>Raised after any batch changed (a guest's step, the batch's end), on the batch's thread.</summary>
    public event Action<MigrationBatch>? Changed;

    /// <summary>The batches running and recently ended, the newest first.</summary>
    public IReadOnlyList<MigrationBatch> All
    {
        get
        {
            lock (_lock)
            {
                return [.. _batches.AsEnumerable().Reverse()];
            }
        }
    }

    public MigrationBatch? Find(string batchId) => All.FirstOrDefault(batch => batch.Id == batchId);

    public void Dispose()
    {
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    /// <summary>Starts moving <paramref name="guests"/> as <paramref name="user"/> and answers at once with the batch to follow.</summary>
    /// <param name="sourceHostId">The host being evacuated, or null for a bulk migrate.</param>
    public MigrationBatch Start(ClaimsPrincipal user, IReadOnlyList<GuestInfo> guests, MigrationChoice choice, string? sourceHostId)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(guests);
        ArgumentNullException.ThrowIfNull(choice);
        // The same guest twice would race its own migration.
        var distinct = guests.DistinctBy(guest => (guest.HostId, guest.Uuid)).ToList();
        var batch = new MigrationBatch(Guid.NewGuid().ToString("N")[..16], user.Identity?.Name ?? "", sourceHostId, distinct, choice, _time.GetUtcNow())
        {
            StartedById = user.FindFirstValue(ClaimTypes.NameIdentifier),
            StartedByTokenId = Guid.TryParse(user.FindFirstValue(ApiTokenClaims.TokenId), out var tokenId) ? tokenId : null,
        };
        Add(batch);
        BatchStarted(_logger, batch.Id, batch.StartedBy, distinct.Count, choice.DestinationHostId);
        _ = Task.Run(async () =>
        {
            await SaveAsync(batch);
            await RunAsync(batch, user);
        });
        return batch;
    }

    /// <summary>
    /// Stops <paramref name="batch"/> as <paramref name="user"/>: no guest starts after it, and each migration running
    /// is cancelled through the gateway (checked and audited as that user's cancel); the guests stay where they run.
    /// </summary>
    public async Task<IReadOnlyList<ActionResult>> CancelAsync(MigrationBatch batch, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(user);
        if (!batch.Stop(user))
        {
            return [];
        }

        BatchCancelled(_logger, batch.Id, user.Identity?.Name ?? "");
        await SaveAsync(batch);
        // A guest still being checked gets its task cancelled by its own worker once the task exists.
        var entries = batch.Entries;
        return await Task.WhenAll(Enumerable.Range(0, entries.Count)
            .Where(index => entries[index].Step == BatchStep.Running && batch.ClaimCancel(index))
            .Select(index => CancelTaskAsync(entries[index].Guest.HostId, entries[index].TaskId!, user)));
    }

    private void Add(MigrationBatch batch)
    {
        batch.Changed += () => Changed?.Invoke(batch);
        lock (_lock)
        {
            _batches.Add(batch);
            Forget();
        }
    }

    /// <summary>Drops the oldest ended batches beyond <see cref="EndedKept"/>; call under the lock.</summary>
    private void Forget()
    {
        var ended = _batches.Where(batch => batch.State != BatchState.Running).ToList();
        foreach (var old in ended.Take(Math.Max(0, ended.Count - EndedKept)))
        {
            _batches.Remove(old);
        }
    }

    /// <summary>
    /// Moves each guest not yet tried as <paramref name="user"/> and follows those whose task runs already (a batch
    /// taken up after a restart); with no user (they may no longer act) the guests still to start are refused.
    /// </summary>
    private async Task RunAsync(MigrationBatch batch, ClaimsPrincipal? user)
    {
        var next = -1;
        async Task WorkAsync()
        {
            while (Interlocked.Increment(ref next) is var index && index < batch.Count)
            {
                var entry = batch[index];
                if (entry.Finished)
                {
                    continue;
                }

                if (entry is { Step: BatchStep.Running, TaskId: { } running })
                {
                    await FollowAsync(batch, index, running);
                }
                else if (_stopping.IsCancellationRequested)
                {
                    // The console stops: the guests not tried stay queued for the next start to take up.
                    return;
                }
                else if (batch.CancelledBy is not null)
                {
                    await StepAsync(batch, index, current => current with { Step = BatchStep.Skipped });
                }
                else if (user is null)
                {
                    var refusal = ProvisioningResult.Fail(Failure.Of(ErrorCodes.Forbidden, batch.StartedBy, "migrate").WithHint(HintKeys.Forbidden));
                    await StepAsync(batch, index, current => current with { Step = BatchStep.Refused, Refusal = refusal });
                }
                else
                {
                    await MoveAsync(batch, index, user);
                }
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(MaxConcurrent, batch.Count)).Select(_ => WorkAsync()));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A guest's step threw where the gateway answers failures as results: the batch ends rather than hangs.
            BatchBroken(_logger, batch.Id, ex);
        }
        finally
        {
            // Not on the console's stop: a batch cut off then is taken up at the next start.
            if (!_stopping.IsCancellationRequested)
            {
                batch.Complete(_time.GetUtcNow());
                BatchEnded(_logger, batch.Id, batch.State, batch.Entries.Count(entry => entry.Step == BatchStep.Moved), batch.Count);
                await SaveAsync(batch);
                await PruneAsync();
            }
        }
    }

    private async Task MoveAsync(MigrationBatch batch, int index, ClaimsPrincipal user)
    {
        var guest = batch[index].Guest;
        await StepAsync(batch, index, entry => entry with { Step = BatchStep.Starting });
        ProvisioningResult result;
        try
        {
            // Not the batch's stop: a migration being granted and checked completes its call (and its audit record) first.
            await using var scope = ActingAs(user);
            result = await scope.ServiceProvider.GetRequiredService<IMigrationGateway>().MigrateAsync(guest, batch.Choice, _stopping);
        }
        catch (OperationCanceledException)
        {
            // The console stops: the guest is tried again when the batch is taken up at the next start.
            return;
        }

        if (!result.Ok || result.TaskId is not { } taskId)
        {
            await StepAsync(batch, index, entry => entry with { Step = BatchStep.Refused, Refusal = result });
            return;
        }

        await StepAsync(batch, index, entry => entry with { Step = BatchStep.Running, TaskId = taskId });
        if (batch.StoppedBy is { } canceller && batch.ClaimCancel(index))
        {
            // Stopped while this guest was being checked: its migration is cancelled as soon as it exists.
            await CancelTaskAsync(guest.HostId, taskId, canceller);
        }

        await FollowAsync(batch, index, taskId);
    }

    /// <summary>Follows the guest's migration task to its end (also one that an earlier run of the console started).</summary>
    private async Task FollowAsync(MigrationBatch batch, int index, string taskId)
    {
        var ended = await WaitForEndAsync(batch[index].Guest.HostId, taskId, task => batch.Update(index, entry => entry with { Task = task }), _stopping);
        if (ended is not null)
        {
            await StepAsync(batch, index, entry => entry with { Step = StepOf(ended), Task = ended });
        }
    }

    /// <summary>Where a guest stands once its migration task ended.</summary>
    internal static BatchStep StepOf(AgentTaskInfo ended) => ended.State switch
    {
        AgentTaskState.Succeeded => BatchStep.Moved,
        AgentTaskState.Cancelled => BatchStep.Cancelled,
        _ => BatchStep.Failed,
    };

    private async Task<ActionResult> CancelTaskAsync(string hostId, string taskId, ClaimsPrincipal user)
    {
        await using var scope = ActingAs(user);
        return await scope.ServiceProvider.GetRequiredService<IMigrationGateway>().CancelAsync(hostId, taskId, _stopping);
    }

    /// <summary>
    /// A scope whose gateway acts as <paramref name="user"/>: the user a request outside a circuit is given through the
    /// authentication state, which the gateway's current user reads when no API request is served.
    /// </summary>
    private AsyncServiceScope ActingAs(ClaimsPrincipal user)
    {
        var scope = _scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<AuthenticationStateProvider>() is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        }

        return scope;
    }

    /// <summary>Follows the task through the agents' pushes until it ends; null when the console stops first.</summary>
    private async Task<AgentTaskInfo?> WaitForEndAsync(string hostId, string taskId, Action<AgentTaskInfo> seen, CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource<AgentTaskInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var last = (AgentTaskInfo?)null;
        var gate = new Lock();
        void Look()
        {
            if (_agents.Tasks.FirstOrDefault(task => task.TaskId == taskId && task.HostId == hostId) is not { } task)
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

        using var subscription = _agents.Subscribe(change =>
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration batch {BatchId} started by {User}: {Count} guests to {Destination}")]
    private static partial void BatchStarted(ILogger logger, string batchId, string user, int count, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration batch {BatchId} cancelled by {User}")]
    private static partial void BatchCancelled(ILogger logger, string batchId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration batch {BatchId} ended {State}: {Moved} of {Count} guests moved")]
    private static partial void BatchEnded(ILogger logger, string batchId, BatchState state, int moved, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Migration batch {BatchId} broke off")]
    private static partial void BatchBroken(ILogger logger, string batchId, Exception exception);
}
