using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

public sealed partial class AgentConnections
{
    /// <summary>Every agent's latest tasks, newest first.</summary>
    public IReadOnlyList<AgentTaskInfo> Tasks => [.. _ordered.SelectMany(connection => connection.Tasks).OrderByDescending(task => task.StartedAt)];

    /// <summary>
    /// Reads the task lists of the connected agents, all at once so a slow host holds up none of the
    /// others; a host that cannot answer, or goes away while it answers, keeps what was pushed.
    /// </summary>
    public Task LoadTasksAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_ordered.Select(connection => LoadTasksAsync(connection, cancellationToken)));

    private async Task LoadTasksAsync(AgentConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            await connection.LoadTasksAsync(cancellationToken);
        }
        catch (Exception ex) when (AgentLinkFailures.Is(ex) || ex is Microsoft.AspNetCore.SignalR.HubException or OperationCanceledException)
        {
            AgentLog.RefreshFailed(_logger, connection.HostId, ex);
        }
    }

    /// <summary>Since when the host's agent has been away, or null while it is connected (a running task of an away host may be interrupted).</summary>
    public DateTimeOffset? AwaySince(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.AwaySince : null;
}
