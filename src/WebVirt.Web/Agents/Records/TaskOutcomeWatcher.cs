using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Acts once on each agent task a subclass cares about (a new guest's owner, a migrated guest's records).
/// Tasks are pushed again after every change and after a reconnect, so each is picked once under a lock;
/// one batch runs at a time, and a task whose handling failed is forgotten, so the next change retries it.
/// </summary>
public abstract class TaskOutcomeWatcher(AgentConnections agents) : IHostedService, IDisposable
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _handled = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _running = new(1, 1);
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                _ = HandleDueAsync();
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _running.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Whether this watcher acts on the task as it is now.</summary>
    protected abstract bool IsDue(AgentTaskInfo task);

    /// <summary>Acts on the due tasks; answers those to try again with the next change.</summary>
    protected abstract Task<IReadOnlyCollection<AgentTaskInfo>> HandleAsync(IReadOnlyList<AgentTaskInfo> due);

    /// <summary>Handles the tasks that became due since the last call. Even with none, waits for a run in progress: on return, every task seen so far is handled.</summary>
    protected async Task HandleDueAsync()
    {
        var due = new List<AgentTaskInfo>();
        lock (_lock)
        {
            foreach (var task in agents.Tasks)
            {
                if (IsDue(task) && _handled.Add(Key(task)))
                {
                    due.Add(task);
                }
            }
        }

        await _running.WaitAsync();
        try
        {
            var retry = due.Count == 0 ? [] : await HandleAsync(due);
            lock (_lock)
            {
                _handled.ExceptWith(retry.Select(Key));
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private static string Key(AgentTaskInfo task) => task.HostId + "/" + task.TaskId;
}
