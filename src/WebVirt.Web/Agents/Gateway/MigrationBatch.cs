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

    /// <summary>The task failed, was cancelled or interrupted: the guest stays where it was.</summary>
    Failed,

    /// <summary>The batch was stopped before this guest's turn.</summary>
    Skipped,
}

/// <summary>One guest of a batch: its step, its task once started, and why it did not move.</summary>
/// <param name="Refusal">The gateway's answer when it was refused before any task.</param>
/// <param name="Task">The agent's task as last seen.</param>
public sealed record BatchEntry(GuestInfo Guest, BatchStep Step, string? TaskId = null, ProvisioningResult? Refusal = null, AgentTaskInfo? Task = null)
{
    public bool Finished => Step is BatchStep.Moved or BatchStep.Refused or BatchStep.Failed or BatchStep.Skipped;
}

/// <summary>
/// The live state of one batch of migrations (a bulk migrate or a host's evacuation), as <see cref="MigrationBatchRunner"/>
/// drives it: readers take <see cref="Entries"/> when <see cref="Changed"/> fires, and await <see cref="Completion"/>.
/// </summary>
public sealed class MigrationBatch
{
    private readonly Lock _lock = new();
    private readonly BatchEntry[] _entries;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal MigrationBatch(IEnumerable<GuestInfo> guests, MigrationChoice choice)
    {
        Choice = choice;
        _entries = [.. guests.Select(guest => new BatchEntry(guest, BatchStep.Queued))];
    }

    public MigrationChoice Choice { get; }

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

    internal void Complete()
    {
        _done.TrySetResult();
        Changed?.Invoke();
    }
}
