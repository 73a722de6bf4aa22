using WebVirt.Contracts;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Metrics;

/// <summary>
/// Records each long task's duration once, when the console learns it finished. Tasks that had
/// finished before this console started (read back from the agent's list) are not counted: their
/// end is old news, and counting them on every console restart would count them again.
/// </summary>
public sealed class TaskDurations : IDisposable
{
    private readonly WebVirtMeter _meter;
    private readonly AgentConnections _agents;
    private readonly DateTimeOffset _since;
    private readonly Lock _lock = new();
    private readonly HashSet<string> _recorded = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public TaskDurations(WebVirtMeter meter, AgentConnections agents, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _meter = meter;
        _agents = agents;
        _since = time.GetUtcNow();
        _subscription = agents.Subscribe(change =>
        {
            if (change == InventoryChange.State)
            {
                RecordFinished();
            }
        });
    }

    public void Dispose() => _subscription.Dispose();

    private void RecordFinished()
    {
        var tasks = _agents.Tasks;
        lock (_lock)
        {
            foreach (var task in tasks)
            {
                if (task.State != AgentTaskState.Running && task.FinishedAt is { } finished && finished >= _since && _recorded.Add(task.HostId + "/" + task.TaskId))
                {
                    _meter.TaskFinished(task.HostId, task.Kind, task.State.ToString(), finished - task.StartedAt);
                }
            }

            // The agents keep their latest tasks only; ids no longer listed cannot come back.
            _recorded.IntersectWith(tasks.Select(task => task.HostId + "/" + task.TaskId));
        }
    }
}
