namespace WebVirt.Contracts;

/// <summary>Commands a console may send to a host agent over SignalR (hub path <see cref="AgentHubPath"/>).</summary>
public partial interface IAgentHub
{
    /// <summary>The path the agent maps its hub on.</summary>
    const string AgentHubPath = "/hubs/agent";

    Task<HostInfo> GetHost();

    Task<IReadOnlyList<GuestInfo>> GetGuests();

    Task<ActionResult> Act(string uuid, GuestAction action);

    /// <summary>Sets whether new guests on this host are created with emulation (TCG) instead of KVM.</summary>
    Task<ActionResult> SetUseEmulation(bool useEmulation);
}
