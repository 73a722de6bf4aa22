using System.Security.Claims;
using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>Where one guest of a batch stands.</summary>
public enum BatchStep
{
    /// <summary>Waiting for a free slot.</summary>
    Queued,

    /// <summary>The gateway is granting and checking; no task yet.</summary>
    Starting,

    /// <summary>Its migration task runs on the source host.</summary>
    Running,

    /// <summary>The task ended with the guest on the destination.</summary>
    Moved,

    /// <summary>Refused before a task existed (rights, incompatible, not running...): the guest did not move.</summary>
    Refused,

    /// <summary>The task failed or was interrupted: the guest stays where it was.</summary>
    Failed,

    /// <summary>The batch was stopped before this guest's turn.</summary>
    Skipped,

    /// <summary>Its migration task was cancelled (the batch's cancel or the task's own): the guest stays where it was.</summary>
    Cancelled,
}

/// <summary>One guest of a batch: its step, its task once started, and why it did not move.</summary>
/// <param name="Refusal">The gateway's answer when it was refused before any task.</param>
/// <param name="Task">The agent's task as last seen.</param>
public sealed record BatchEntry(GuestInfo Guest, BatchStep Step, string? TaskId = null, ProvisioningResult? Refusal = null, AgentTaskInfo? Task = null)
{
    public bool Finished => Step is BatchStep.Moved or BatchStep.Refused or BatchStep.Failed or BatchStep.Skipped or BatchStep.Cancelled;
}

/// <summary>Where a batch as a whole stands.</summary>
public enum BatchState
{
    /// <summary>Guests are still waiting or moving.</summary>
    Running,

    /// <summary>Every guest was tried.</summary>
    Finished,

    /// <summary>Stopped by a user: the guests after the stop were not started.</summary>
    Cancelled,
}

/// <summary>
/// The live state of one batch of migrations (a bulk migrate or a host's evacuation), as <see cref="MigrationBatches"/>
/// drives it on the server: readers take <see cref="Entries"/> when <see cref="Changed"/> fires, and await <see cref="Completion"/>.
/// </summary>
public sealed class MigrationBatch
{
    private readonly Lock _lock = new();
    private readonly BatchEntry[] _entries;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<int> _cancelClaimed = [];

    internal MigrationBatch(string id, string startedBy, string? sourceHostId, IEnumerable<GuestInfo> guests, MigrationChoice choice, DateTimeOffset startedAt)
        : this(id, startedBy, sourceHostId, guests.Select(guest => new BatchEntry(guest, BatchStep.Queued)), choice, startedAt, endedAt: null, cancelledBy: null)
    {
    }

    /// <summary>A batch as stored: ended when <paramref name="endedAt"/> is set, else to be taken up.</summary>
    internal MigrationBatch(string id, string startedBy, string? sourceHostId, IEnumerable<BatchEntry> entries, MigrationChoice choice, DateTimeOffset startedAt, DateTimeOffset? endedAt, string? cancelledBy)
    {
        Id = id;
        StartedBy = startedBy;
        SourceHostId = sourceHostId;
        Choice = choice;
        StartedAt = startedAt;
        CancelledBy = cancelledBy;
        _entries = [.. entries];
        if (endedAt is not null)
        {
            EndedAt = endedAt;
            _done.TrySetResult();
        }
    }

    public string Id { get; }

    /// <summary>The user whose rights each guest's migration is checked against (and audited as).</summary>
    public string StartedBy { get; }

    /// <summary>The starting user's id: after a restart the guests still to start are checked against their rights then.</summary>
    internal string? StartedById { get; init; }

    /// <summary>The API token the batch was started with; null for a signed-in page.</summary>
    internal Guid? StartedByTokenId { get; init; }

    /// <summary>The host being evacuated, or null for a bulk migrate.</summary>
    public string? SourceHostId { get; }

    public MigrationChoice Choice { get; }

    public DateTimeOffset StartedAt { get; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Who stopped the batch, when someone did.</summary>
    public string? CancelledBy { get; private set; }

    public BatchState State => !_done.Task.IsCompleted ? BatchState.Running : CancelledBy is null ? BatchState.Finished : BatchState.Cancelled;

    /// <summary>The user who stopped the batch: a migration that starts after the stop is cancelled as them.</summary>
    internal ClaimsPrincipal? StoppedBy { get; private set; }

    /// <summary>Raised after any entry changed, on the runner's thread.</summary>
    public event Action? Changed;

    /// <summary>Ends when every guest is moved, refused, failed or skipped.</summary>
    public Task Completion => _done.Task;

    public IReadOnlyList<BatchEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    public int FinishedCount => Entries.Count(entry => entry.Finished);

    internal BatchEntry this[int index]
    {
        get
        {
            lock (_lock)
            {
                return _entries[index];
            }
        }
    }

    internal int Count => _entries.Length;

    internal void Update(int index, Func<BatchEntry, BatchEntry> change)
    {
        lock (_lock)
        {
            _entries[index] = change(_entries[index]);
        }

        Changed?.Invoke();
    }

    /// <summary>Stops starting guests; false when the batch had ended or was stopped already.</summary>
    internal bool Stop(ClaimsPrincipal user)
    {
        lock (_lock)
        {
            if (_done.Task.IsCompleted || StoppedBy is not null || CancelledBy is not null)
            {
                return false;
            }

            StoppedBy = user;
            CancelledBy = user.Identity?.Name ?? "";
        }

        Changed?.Invoke();
        return true;
    }

    /// <summary>
    /// True once per guest, for whoever cancels its running migration first: the user's cancel and the guest's
    /// own worker (its task started just after the stop) both try, and only one cancel reaches the agent.
    /// </summary>
    internal bool ClaimCancel(int index)
    {
        lock (_lock)
        {
            return StoppedBy is not null && _entries[index].TaskId is not null && _cancelClaimed.Add(index);
        }
    }

    internal void Complete(DateTimeOffset endedAt)
    {
        EndedAt = endedAt;
        _done.TrySetResult();
        Changed?.Invoke();
    }
}
