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
}
