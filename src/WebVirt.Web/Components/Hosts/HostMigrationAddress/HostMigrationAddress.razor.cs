using Microsoft.AspNetCore.Components;
using WebVirt.Web.Formatting;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Hosts;

/// <summary>
/// A host's migration address on the Hosts page: where other hosts' agents send the migration streams
/// to this host (empty for the address the console reaches its agent at). Administrators change it;
/// the gateway checks it (an IP address or a host name) and a refusal changes nothing.
/// </summary>
public sealed partial class HostMigrationAddress
{
    private string? _address;
    private string? _saved;
    private string? _loadedFor;
    private bool _saving;
    // Until the stored address is read, the field stays disabled: text typed meanwhile would be
    // overwritten by the read, and a save would store what the user never meant.
    private bool _loading = true;
    private string? _message;
    private bool _ok;

    [Parameter]
    [EditorRequired]
    public string HostId { get; set; } = "";

    /// <summary>Whether the user may change it (manage hosts); others see it read-only.</summary>
    [Parameter]
    public bool CanEdit { get; set; }

    [Inject]
    private IMigrationSettingsGateway Settings { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (HostId == _loadedFor)
        {
            return;
        }

        _loadedFor = HostId;
        _message = null;
        _loading = true;
        try
        {
            _saved = HostId.Length == 0 ? null : await Settings.MigrationAddressAsync(HostId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _saved = null;
            (_ok, _message) = (false, M["Address.LoadFailed", ex.Message]);
        }
        finally
        {
            _loading = false;
        }

        _address = _saved;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var result = await Settings.SetMigrationAddressAsync(HostId, _address);
            _ok = result.Ok;
            if (result.Ok)
            {
                _saved = string.IsNullOrWhiteSpace(_address) ? null : _address.Trim();
                _address = _saved;
                _message = M["Address.Saved", _saved ?? M["Address.Default"]];
            }
            else
            {
                _message = AgentTexts.Describe(result);
            }
        }
        finally
        {
            _saving = false;
        }
    }
}
