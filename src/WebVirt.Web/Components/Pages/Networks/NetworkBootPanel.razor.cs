using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Network boot (PXE) of an existing network on the Networks page. The agent writes it into the
/// network's definition after the same checks as for a new network; libvirt cannot change TFTP on a
/// running network, so there it applies at the network's next start, which the panel says before and after.
/// </summary>
public partial class NetworkBootPanel
{
    private NetworkBootForm _form = new();
    private string? _shownFor;
    private bool _saving;
    private string? _error;

    [Parameter]
    [EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    [EditorRequired]
    public VirtualNetworkSummary Network { get; set; } = default!;

    [Parameter]
    public bool CanManage { get; set; }

    /// <summary>Called after a change landed, so the page reads the networks again.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private INetworkGateway Gateway { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private string CurrentText => Network.Boot is { } boot
        ? N["Boot.Current", boot.TftpRoot ?? "—", boot.BootFile ?? "—", boot.BootServer ?? N["Boot.OwnServer"]]
        : N["Boot.Off"];

    protected override void OnParametersSet()
    {
        // A new network, or the same one read again after a save: the form shows its definition.
        string key = $"{HostId}/{Network.Name}/{Network.Boot}";
        if (key != _shownFor)
        {
            _shownFor = key;
            _form = NetworkBootForm.From(Network.Boot);
            _error = null;
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _error = null;
        try
        {
            var (tftpRoot, bootFile, bootServer) = _form.ToRequest();
            var result = await Gateway.SetBootAsync(HostId, Network.Name, new NetworkBootSettings(tftpRoot, bootFile, bootServer));
            if (!result.Ok)
            {
                _error = AgentTexts.Describe(result);
                return;
            }

            Snackbar.Add(Network.Active ? N["Boot.SavedNextStart", Network.Name] : N["Boot.Saved", Network.Name], Network.Active ? Severity.Info : Severity.Success);
            await Changed.InvokeAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
