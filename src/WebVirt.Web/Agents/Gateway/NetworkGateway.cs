using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class NetworkGateway(AgentCallPipeline pipeline) : INetworkGateway
{
    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworksAsync(string hostId, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetNetworks(), cancellationToken);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeasesAsync(string hostId, string network, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(hostId, Permission.ViewInventory, call => call.Hub.GetDhcpLeases(network), cancellationToken);

    public Task<ActionResult> CreateNetworkAsync(string hostId, VirtualNetworkCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, "create-network", $"{request.Name} ({request.Mode})", call => call.Hub.CreateNetwork(request), cancellationToken);
    }

    public Task<ActionResult> ActOnNetworkAsync(string hostId, string network, VirtualNetworkAction action, CancellationToken cancellationToken = default) =>
        Change(hostId, "network-" + action.ToString().ToLowerInvariant(), network, call => call.Hub.ActOnNetwork(network, action), cancellationToken);

    public Task<ActionResult> DeleteNetworkAsync(string hostId, string network, CancellationToken cancellationToken = default) =>
        Change(hostId, "delete-network", network, call => call.Hub.DeleteNetwork(network), cancellationToken);

    public Task<ActionResult> AddDhcpHostAsync(string hostId, string network, DhcpHostEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Change(hostId, "add-dhcp-host", $"{network} {entry.Mac} {entry.Ip}", call => call.Hub.AddDhcpHost(network, entry), cancellationToken);
    }

    public Task<ActionResult> RemoveDhcpHostAsync(string hostId, string network, string mac, CancellationToken cancellationToken = default) =>
        Change(hostId, "remove-dhcp-host", $"{network} {mac}", call => call.Hub.RemoveDhcpHost(network, mac), cancellationToken);

    public Task<ActionResult> SetBootAsync(string hostId, string network, NetworkBootSettings boot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(boot);
        string detail = boot.TftpRoot is null && boot.BootFile is null && boot.BootServer is null
            ? $"{network}: off"
            : $"{network}: {boot.TftpRoot} {boot.BootFile}{(boot.BootServer is null ? "" : " via " + boot.BootServer)}";
        return Change(hostId, "set-network-boot", detail, call => call.Hub.SetNetworkBoot(network, boot), cancellationToken);
    }

    private Task<ActionResult> Change(string hostId, string action, string target, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.ManageNetworks, action, target), call, cancellationToken);
}
