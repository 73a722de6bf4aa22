using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class NetworkGateway(AgentCallPipeline pipeline) : INetworkGateway
{
    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworksAsync(string hostId, CancellationToken cancellationToken = default) =>
        pipeline.ReadVisibleAsync(hostId, Permission.ViewInventory, call => call.Hub.GetNetworks(), network => RightsTarget.Network(hostId, network.Name), cancellationToken);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeasesAsync(string hostId, string network, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Network(hostId, network), Permission.ViewInventory, call => call.Hub.GetDhcpLeases(network), cancellationToken);

    public Task<ActionResult> CreateNetworkAsync(string hostId, VirtualNetworkCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, null, "create-network", $"{request.Name} ({request.Mode})", call => call.Hub.CreateNetwork(request), cancellationToken);
    }

    public Task<ActionResult> ActOnNetworkAsync(string hostId, string network, VirtualNetworkAction action, CancellationToken cancellationToken = default) =>
        Change(hostId, network, "network-" + action.ToString().ToLowerInvariant(), network, call => call.Hub.ActOnNetwork(network, action), cancellationToken);

    public Task<ActionResult> DeleteNetworkAsync(string hostId, string network, CancellationToken cancellationToken = default) =>
        Change(hostId, network, "delete-network", network, call => call.Hub.DeleteNetwork(network), cancellationToken);

    public Task<ActionResult> AddDhcpHostAsync(string hostId, string network, DhcpHostEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Change(hostId, network, "add-dhcp-host", $"{network} {entry.Mac} {entry.Ip}", call => call.Hub.AddDhcpHost(network, entry), cancellationToken);
    }

    public Task<ActionResult> RemoveDhcpHostAsync(string hostId, string network, string mac, CancellationToken cancellationToken = default) =>
        Change(hostId, network, "remove-dhcp-host", $"{network} {mac}", call => call.Hub.RemoveDhcpHost(network, mac), cancellationToken);

    public Task<ActionResult> SetBootAsync(string hostId, string network, NetworkBootSettings boot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(boot);
        string detail = boot.TftpRoot is null && boot.BootFile is null && boot.BootServer is null
            ? $"{network}: off"
            : $"{network}: {boot.TftpRoot} {boot.BootFile}{(boot.BootServer is null ? "" : " via " + boot.BootServer)}";
        return Change(hostId, network, "set-network-boot", detail, call => call.Hub.SetNetworkBoot(network, boot), cancellationToken);
    }

    // A change of one network needs the right on it (or above); creating one needs it on the host.
    private Task<ActionResult> Change(string hostId, string? network, string action, string target, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.ManageNetworks, action, target) { On = network is null ? null : RightsTarget.Network(hostId, network) }, call, cancellationToken);
}
