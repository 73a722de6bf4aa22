using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A host's virtual networks and their DHCP: <c>IAgentHub.Networks</c>.</summary>
public interface INetworkGateway
{
    Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworksAsync(string hostId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeasesAsync(string hostId, string network, CancellationToken cancellationToken = default);

    Task<ActionResult> CreateNetworkAsync(string hostId, VirtualNetworkCreateRequest request, CancellationToken cancellationToken = default);

    Task<ActionResult> ActOnNetworkAsync(string hostId, string network, VirtualNetworkAction action, CancellationToken cancellationToken = default);

    Task<ActionResult> DeleteNetworkAsync(string hostId, string network, CancellationToken cancellationToken = default);

    Task<ActionResult> AddDhcpHostAsync(string hostId, string network, DhcpHostEntry entry, CancellationToken cancellationToken = default);

    Task<ActionResult> RemoveDhcpHostAsync(string hostId, string network, string mac, CancellationToken cancellationToken = default);

    /// <summary>Sets or (all fields empty) removes the network's PXE boot server; a running network takes it at its next start.</summary>
    Task<ActionResult> SetBootAsync(string hostId, string network, NetworkBootSettings boot, CancellationToken cancellationToken = default);
}
