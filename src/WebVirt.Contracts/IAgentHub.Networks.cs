namespace WebVirt.Contracts;

/// <summary>Virtual networks of the agent's host.</summary>
public partial interface IAgentHub
{
    Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworks();

    Task<ActionResult> CreateNetwork(VirtualNetworkCreateRequest request);

    /// <summary>Stop is refused while running guests have an interface on the network.</summary>
    Task<ActionResult> ActOnNetwork(string network, VirtualNetworkAction action);

    /// <summary>Stops and undefines the network; refused while running guests use it.</summary>
    Task<ActionResult> DeleteNetwork(string network);

    Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeases(string network);

    /// <summary>Adds a static DHCP lease to the running network and its definition.</summary>
    Task<ActionResult> AddDhcpHost(string network, DhcpHostEntry host);

    Task<ActionResult> RemoveDhcpHost(string network, string mac);

    /// <summary>
    /// Sets (or with all fields empty, removes) the network's PXE boot server in its persistent
    /// definition, checked by the same rules as a new network's; a running network takes it at its next start.
    /// </summary>
    Task<ActionResult> SetNetworkBoot(string network, NetworkBootSettings boot);
}
