using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Virtual networks of a host, their DHCP leases and static DHCP hosts, those the user may see. Whoever
/// may manage networks on one (by a grant on it, its host or everything) starts, stops and deletes it and
/// edits its static hosts and boot settings; creating a network needs the right on the host.
/// </summary>
public partial class NetworksPage
{
    [Inject]
    private INetworkGateway Gateway { get; set; } = default!;

    private IReadOnlyList<VirtualNetworkSummary> _networks = [];
    private IReadOnlyList<DhcpLeaseInfo> _leases = [];
    private VirtualNetworkSummary? _selected;
    private string? _loadError;
    private string? _createError;
    private string? _hostError;
    private NewNetwork _new = new();
    private string _hostMac = "";
    private string _hostIp = "";
    private string _hostName = "";

    protected override Permission ManagePermission => Permission.ManageNetworks;

    /// <summary>The network's change controls, by the user's rights on it, as the network gateway decides.</summary>
    private bool MayManage(VirtualNetworkSummary network) => Rights.MayOnNetwork(Permission.ManageNetworks, HostId, network.Name);

    protected override void OnHostChanged() => _selected = null;

    private async Task SelectNetworkAsync(VirtualNetworkSummary network)
    {
        _selected = network;
        _hostError = null;
        await LoadAsync();
    }

    protected override async Task LoadAsync()
    {
        if (HostId.Length == 0)
        {
            _loadError = N["NoHosts"];
            return;
        }

        Busy = true;
        try
        {
            _networks = await Gateway.GetNetworksAsync(HostId);
            _selected = _selected is null ? null : _networks.FirstOrDefault(n => n.Name == _selected.Name);
            _leases = _selected is { Active: true }
                ? await Gateway.GetDhcpLeasesAsync(HostId, _selected.Name)
                : [];
            _loadError = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = N["LoadFailed", ex.Message];
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task CreateAsync()
    {
        var n = _new;
        var (tftpRoot, bootFile, bootServer) = n.Mode == VirtualNetworkMode.Bridge ? default : n.Boot.ToRequest();
        var request = new VirtualNetworkCreateRequest(
            n.Name.Trim(), n.Mode, n.Bridge, n.ForwardDevice, n.Ipv4, n.DhcpStart, n.DhcpEnd, n.Ipv6, n.Domain, n.Start, n.Autostart, tftpRoot, bootFile, bootServer);
        var result = await ChangeAsync(hostId => Gateway.CreateNetworkAsync(hostId, request));
        _createError = result.Ok ? null : AgentTexts.Describe(result);
        if (result.Ok)
        {
            Snackbar.Add(N["Created", request.Name], Severity.Success);
            _new = new NewNetwork();
        }
    }

    private async Task ActAsync(VirtualNetworkSummary network, VirtualNetworkAction action)
    {
        var result = await ChangeAsync(hostId => Gateway.ActOnNetworkAsync(hostId, network.Name, action));
        Report(result, N["ActionFailed", network.Name], N["ActionDone", network.Name]);
    }

    private async Task DeleteAsync(VirtualNetworkSummary network)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, N["DeleteTitle", network.Name], N["DeleteConfirm", network.Name], N["Delete"]))
        {
            return;
        }

        var result = await ChangeAsync(hostId => Gateway.DeleteNetworkAsync(hostId, network.Name));
        Report(result, N["DeleteFailed", network.Name], N["Deleted", network.Name]);
    }

    private async Task AddHostAsync()
    {
        var network = _selected!;
        var entry = new DhcpHostEntry(_hostMac.Trim(), _hostIp.Trim(), string.IsNullOrWhiteSpace(_hostName) ? null : _hostName.Trim());
        var result = await ChangeAsync(hostId => Gateway.AddDhcpHostAsync(hostId, network.Name, entry));
        _hostError = result.Ok ? null : AgentTexts.Describe(result);
        if (result.Ok)
        {
            _hostMac = _hostIp = _hostName = "";
        }
    }

    private async Task RemoveHostAsync(DhcpHostEntry entry)
    {
        var network = _selected!;
        var result = await ChangeAsync(hostId => Gateway.RemoveDhcpHostAsync(hostId, network.Name, entry.Mac));
        Report(result, N["ActionFailed", network.Name], N["ActionDone", network.Name]);
    }

    /// <summary>The new-network form; strings stay empty rather than null so the inputs bind.</summary>
    private sealed class NewNetwork
    {
        public string Name { get; set; } = "";

        public VirtualNetworkMode Mode { get; set; } = VirtualNetworkMode.Nat;

        public string Bridge { get; set; } = "";

        public string ForwardDevice { get; set; } = "";

        public string Ipv4 { get; set; } = "";

        public string DhcpStart { get; set; } = "";

        public string DhcpEnd { get; set; } = "";

        public string Ipv6 { get; set; } = "";

        public string Domain { get; set; } = "";

        public bool Start { get; set; } = true;

        public bool Autostart { get; set; } = true;

        public NetworkBootForm Boot { get; } = new();
    }
}
