using System.Text.Json;
using WebVirt.Web.Agents.Records;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>The batches in PostgreSQL: written on every step, read back and taken up when the console starts.</summary>
public sealed partial class MigrationBatches
{
    /// <summary>One write at a time, each of the batch as it stands when its turn comes: a late write never undoes a newer one.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2213", Justification = "The semaphore never makes a wait handle (no AvailableWaitHandle), so it holds nothing to free; workers may still write after Dispose.")]
    private readonly SemaphoreSlim _writes = new(1, 1);
    private int _resumed;

    /// <summary>How far an agent's clock, which dates its tasks, may be behind the console's, which dates the batch.</summary>
    private static readonly TimeSpan AgentClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Reads the stored batches (those running and the <see cref="EndedKept"/> newest ended ones) and takes up each that
    /// was running: its guests whose task runs on an agent are followed to their end, those not yet started are started
    /// as the user who started the batch (as that user is now, through the gateway, which checks their rights), and a
    /// batch whose guests all ended is marked ended. Once per instance; the console calls it as it starts.
    /// </summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _resumed, 1) == 1)
        {
            return;
        }

        foreach (var record in await _store.LoadAsync(EndedKept, cancellationToken))
        {
            MigrationBatch batch;
            try
            {
                batch = MigrationBatchRecords.FromRecord(record);
            }
            catch (JsonException ex)
            {
                BatchUnreadable(_logger, record.Id, ex.Message);
                continue;
            }

            if (Find(batch.Id) is not null)
            {
                continue;
            }

            Add(batch);
            if (batch.State == BatchState.Running)
            {
                BatchResumed(_logger, batch.Id, batch.StartedBy, batch.Entries.Count(entry => !entry.Finished));
                _ = Task.Run(() => ResumeRunAsync(batch), CancellationToken.None);
            }
        }
    }

    private async Task ResumeRunAsync(MigrationBatch batch)
    {
        System.Security.Claims.ClaimsPrincipal? user = null;
        if (batch.CancelledBy is null && batch.Entries.Any(entry => entry.Step is BatchStep.Queued or BatchStep.Starting))
        {
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                user = await scope.ServiceProvider.GetRequiredService<IBatchActors>().RestoreAsync(batch.StartedById, batch.StartedByTokenId, _stopping);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The user cannot be read now: the guests still to start are refused rather than started unchecked.
                BatchActorUnknown(_logger, batch.Id, ex.Message);
            }
        }

        if (user is null && batch.CancelledBy is null)
        {
            BatchActorGone(_logger, batch.Id, batch.StartedBy);
        }

        // The agents' tasks (those the batch follows) come with their connections; a list read now shows those already ended.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await _agents.LoadTasksAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
            {
                // The pushes bring the tasks once the agents connect.
            }
        }

        await AdoptStartedAsync(batch);
        await RunAsync(batch, user);
    }

    /// <summary>
    /// The guests the stopped console was starting when it went: its call may have reached the agent, which then runs
    /// (or ran) the migration. Such a task (this guest's, asked for by the batch's user since the batch began) is
    /// followed rather than a second migration asked for, which the agent would refuse for a guest already moving or
    /// gone.
    /// </summary>
    private async Task AdoptStartedAsync(MigrationBatch batch)
    {
        for (var index = 0; index < batch.Count; index++)
        {
            var entry = batch[index];
            if (entry is not { Step: BatchStep.Starting, TaskId: null })
            {
                continue;
            }

            var started = _agents.Tasks
                .Where(task => task.Kind == GuestRecordsFollower.MigrateKind && task.HostId == entry.Guest.HostId && task.TargetUuid == entry.Guest.Uuid
                    && string.Equals(task.User, batch.StartedBy, StringComparison.Ordinal) && task.StartedAt >= batch.StartedAt - AgentClockSkew)
                .MaxBy(task => task.StartedAt);
            if (started is not null)
            {
                BatchGuestAdopted(_logger, batch.Id, entry.Guest.Name, started.TaskId);
                await StepAsync(batch, index, current => current with { Step = BatchStep.Running, TaskId = started.TaskId });
            }
        }
    }

    /// <summary>A guest's new step, kept in memory and then written.</summary>
    private async Task StepAsync(MigrationBatch batch, int index, Func<BatchEntry, BatchEntry> change)
    {
        batch.Update(index, change);
        await SaveAsync(batch);
    }

    private async Task SaveAsync(MigrationBatch batch)
    {
        await _writes.WaitAsync(CancellationToken.None);
        try
        {
            await _store.SaveAsync(MigrationBatchRecords.ToRecord(batch), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The batch runs on in memory; only a restart in between would lose this step.
            BatchNotSaved(_logger, batch.Id, ex.Message);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task PruneAsync()
    {
        try
        {
            await _store.PruneAsync(EndedKept, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            BatchNotSaved(_logger, "(prune)", ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration batch {BatchId}: the migration of {Guest} started before the restart is task {TaskId}, followed")]
    private static partial void BatchGuestAdopted(ILogger logger, string batchId, string guest, string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration batch {BatchId} of {User} taken up after a restart: {Left} guests not ended")]
    private static partial void BatchResumed(ILogger logger, string batchId, string user, int left);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration batch {BatchId}: {User} may no longer act, the guests not yet started are refused")]
    private static partial void BatchActorGone(ILogger logger, string batchId, string user);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration batch {BatchId}: its user could not be read: {Error}")]
    private static partial void BatchActorUnknown(ILogger logger, string batchId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration batch {BatchId} could not be stored: {Error}")]
    private static partial void BatchNotSaved(ILogger logger, string batchId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored migration batch {BatchId} could not be read and is left out: {Error}")]
    private static partial void BatchUnreadable(ILogger logger, string batchId, string error);
}
