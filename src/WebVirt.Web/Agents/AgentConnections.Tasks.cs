using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

public sealed partial class AgentConnections
{
    /// <summary>Every agent's latest tasks, newest first.</summary>
    public IReadOnlyList<AgentTaskInfo> Tasks => [.. _ordered.SelectMany(connection => connection.Tasks).OrderByDescending(task => task.StartedAt)];

    /// <summary>Reads the task lists of the connected agents; a host that cannot answer keeps what was pushed.</summary>
    public async Task LoadTasksAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _ordered)
        {
            try
            {
                await connection.LoadTasksAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or Microsoft.AspNetCore.SignalR.HubException or OperationCanceledException)
            {
                AgentLog.RefreshFailed(_logger, connection.HostId, ex);
            }
        }
    }

    /// <summary>Since when the host's agent has been away, or null while it is connected (a running task of an away host may be interrupted).</summary>
    public DateTimeOffset? AwaySince(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.AwaySince : null;
}
