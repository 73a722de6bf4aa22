using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Virtual networks of a host, their DHCP leases and static DHCP hosts. Everyone logged in sees
/// them; administrators create, start, stop and delete networks and edit static hosts.
/// </summary>
public partial class NetworksPage
{
    private IReadOnlyList<HostView> _hosts = [];
    private string _hostId = "";
    private IReadOnlyList<VirtualNetworkSummary> _networks = [];
    private IReadOnlyList<DhcpLeaseInfo> _leases = [];
    private VirtualNetworkSummary? _selected;
    private bool _busy;
    private bool _canManage;
    private string? _loadError;
    private string? _createError;
    private string? _hostError;
    private NewNetwork _new = new();
    private string _hostMac = "";
    private string _hostIp = "";
    private string _hostName = "";

    [Inject]
    private AgentConnections Agents { get; set; } = default!;

    [Inject]
    private HostResourceService Resources { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _canManage = Permissions.IsAllowed((await AuthenticationState).User, Permission.ManageNetworks);
        _hosts = Agents.Hosts;
        _hostId = _hosts.FirstOrDefault()?.HostId ?? "";
        await LoadAsync();
    }

    private async Task SelectHostAsync(string hostId)
    {
        _hostId = hostId;
        _selected = null;
        await LoadAsync();
    }

    private async Task SelectNetworkAsync(VirtualNetworkSummary network)
    {
        _selected = network;
        _hostError = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_hostId.Length == 0)
        {
            _loadError = N["NoHosts"];
            return;
        }

        _busy = true;
        try
        {
            _networks = await Resources.QueryAsync<IReadOnlyList<VirtualNetworkSummary>>(_hostId, nameof(IAgentHub.GetNetworks));
            _selected = _selected is null ? null : _networks.FirstOrDefault(n => n.Name == _selected.Name);
            _leases = _selected is { Active: true }
                ? await Resources.QueryAsync<IReadOnlyList<DhcpLeaseInfo>>(_hostId, nameof(IAgentHub.GetDhcpLeases), _selected.Name)
                : [];
            _loadError = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = N["LoadFailed", ex.Message];
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task CreateAsync()
    {
        var n = _new;
        var request = new VirtualNetworkCreateRequest(
            n.Name.Trim(), n.Mode, n.Bridge, n.ForwardDevice, n.Ipv4, n.DhcpStart, n.DhcpEnd, n.Ipv6, n.Domain, n.Start, n.Autostart,
            HostResourceService.Culture);
        var result = await ChangeAsync("create-network", $"{request.Name} ({request.Mode})", nameof(IAgentHub.CreateNetwork), request);
        _createError = result.Ok ? null : result.Message;
        if (result.Ok)
        {
            Snackbar.Add(N["Created", request.Name], Severity.Success);
            _new = new NewNetwork();
        }
    }

    private async Task ActAsync(VirtualNetworkSummary network, VirtualNetworkAction action)
    {
        var result = await ChangeAsync("network-" + action.ToString().ToLowerInvariant(), network.Name, nameof(IAgentHub.ActOnNetwork), network.Name, action);
        Report(result, N["ActionFailed", network.Name], N["ActionDone", network.Name]);
    }

    private async Task DeleteAsync(VirtualNetworkSummary network)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, N["DeleteTitle", network.Name], N["DeleteConfirm", network.Name], N["Delete"]))
        {
            return;
        }

        var result = await ChangeAsync("delete-network", network.Name, nameof(IAgentHub.DeleteNetwork), network.Name);
        Report(result, N["DeleteFailed", network.Name], N["Deleted", network.Name]);
    }

    private async Task AddHostAsync()
    {
        var network = _selected!;
        var entry = new DhcpHostEntry(_hostMac.Trim(), _hostIp.Trim(), string.IsNullOrWhiteSpace(_hostName) ? null : _hostName.Trim());
        var result = await ChangeAsync("add-dhcp-host", $"{network.Name} {entry.Mac} {entry.Ip}", nameof(IAgentHub.AddDhcpHost), network.Name, entry, HostResourceService.Culture);
        _hostError = result.Ok ? null : result.Message;
        if (result.Ok)
        {
            _hostMac = _hostIp = _hostName = "";
        }
    }

    private async Task RemoveHostAsync(DhcpHostEntry entry)
    {
        var network = _selected!;
        var result = await ChangeAsync("remove-dhcp-host", $"{network.Name} {entry.Mac}", nameof(IAgentHub.RemoveDhcpHost), network.Name, entry.Mac);
        Report(result, N["ActionFailed", network.Name], N["ActionDone", network.Name]);
    }

    private async Task<ActionResult> ChangeAsync(string action, string target, string method, params object?[] args)
    {
        _busy = true;
        try
        {
            var result = await Resources.ChangeAsync(_hostId, Permission.ManageNetworks, action, target, method, args);
            await LoadAsync();
            return result;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Report(ActionResult result, string failedTitle, string doneText) =>
        Snackbar.Report(result, failedTitle, doneText, L);

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
    }
}
