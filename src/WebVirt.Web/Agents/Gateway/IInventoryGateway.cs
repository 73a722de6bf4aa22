using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// What the agents pushed: hosts, guests and tasks, after the same permission check as a read
/// through the hub. Needs no call to an agent, so it answers while an agent is away.
/// </summary>
public interface IInventoryGateway
{
    Task<IReadOnlyList<HostView>> GetHostsAsync();

    Task<IReadOnlyList<GuestInfo>> GetGuestsAsync();

    /// <summary>One guest of one host, or null when the host does not have it (a hidden guest would be null too).</summary>
    Task<GuestInfo?> FindGuestAsync(string hostId, string uuid);

    /// <summary>Every agent's latest tasks, newest first, read again from the connected agents.</summary>
    Task<IReadOnlyList<AgentTaskInfo>> GetTasksAsync(CancellationToken cancellationToken = default);
}
