using WebVirt.Agent.Networks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>Virtual networks (<see cref="NetworkService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworks() => Feature<NetworkService>().GetNetworksAsync(Context.ConnectionAborted);

    public Task<ActionResult> CreateNetwork(VirtualNetworkCreateRequest request) =>
        Feature<NetworkService>().CreateAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> ActOnNetwork(string network, VirtualNetworkAction action) =>
        Feature<NetworkService>().ActAsync(network, action, Context.ConnectionAborted);

    public Task<ActionResult> DeleteNetwork(string network) => Feature<NetworkService>().DeleteAsync(network, Context.ConnectionAborted);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeases(string network) =>
        Feature<NetworkService>().GetLeasesAsync(network, Context.ConnectionAborted);

    public Task<ActionResult> AddDhcpHost(string network, DhcpHostEntry host) =>
        Feature<NetworkService>().AddDhcpHostAsync(network, host, Context.ConnectionAborted);

    public Task<ActionResult> RemoveDhcpHost(string network, string mac) =>
        Feature<NetworkService>().RemoveDhcpHostAsync(network, mac, Context.ConnectionAborted);

    public Task<ActionResult> SetNetworkBoot(string network, NetworkBootSettings boot) =>
        Feature<NetworkService>().SetBootAsync(network, boot, Context.ConnectionAborted);
}
