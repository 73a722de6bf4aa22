using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// Adds a NIC or changes the source and model of <see cref="Existing"/>. The MAC, when typed, is
/// checked by the agent with the wizard's rules (shape, multicast, duplicate) and its refusal shows
/// here with the form kept.
/// </summary>
public partial class GuestNicDialog
{
    private static readonly string[] Models = ["virtio", "e1000e", "rtl8139"];

    private IReadOnlyList<VirtualNetworkSummary> _networks = [];
    private IReadOnlyList<string> _bridges = [];
    private string _sourceType = "network";
    private string? _source;
    private string _model = "virtio";
    private string? _mac;
    private string? _loadError;

    [Inject]
    private INetworkGateway Networks { get; set; } = default!;

    [Inject]
    private IHostGateway Hosts { get; set; } = default!;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    /// <summary>The NIC being changed; null to add one.</summary>
    [Parameter]
    public GuestNicInfo? Existing { get; set; }

    [Parameter, EditorRequired]
    public Func<GuestNicChange, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, string hostId, GuestNicInfo? existing, Func<GuestNicChange, Task<ActionResult>> submit)
    {
        var parameters = new DialogParameters<GuestNicDialog>
        {
            { dialog => dialog.HostId, hostId },
            { dialog => dialog.Existing, existing },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestNicDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        await reference.Result;
    }

    protected override async Task OnInitializedAsync()
    {
        if (Existing is { } nic)
        {
            _sourceType = nic.SourceType == "bridge" ? "bridge" : "network";
            _source = nic.Source;
            _model = nic.Model ?? "virtio";
        }

        try
        {
            _networks = await Networks.GetNetworksAsync(HostId);
            var host = await Hosts.GetHostDetailsAsync(HostId);
            _bridges = [.. host.Interfaces.Where(i => i.IsBridge).Select(i => i.Name)];
            if (_source is null && _sourceType == "network")
            {
                _source = _networks.FirstOrDefault(n => n.Active)?.Name;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = S["NicAdd.LoadFailed", ex.Message];
        }
    }

    private void SourceTypeChanged(string type)
    {
        _sourceType = type;
        _source = type == "network" ? _networks.FirstOrDefault(n => n.Active)?.Name : _bridges.FirstOrDefault();
        Error = null;
    }

    private async Task SubmitAsync()
    {
        var source = _source?.Trim();
        if (string.IsNullOrEmpty(source))
        {
            Error = _sourceType == "network" ? S["NicAdd.NeedNetwork"] : S["NicAdd.NeedBridge"];
            return;
        }

        var mac = string.IsNullOrWhiteSpace(_mac) ? null : _mac.Trim();
        await SendAsync(() => Submit(new GuestNicChange(_sourceType, source, _model, Existing is null ? mac : null)));
    }
}
