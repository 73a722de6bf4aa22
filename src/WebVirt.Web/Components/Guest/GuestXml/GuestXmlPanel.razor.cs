using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Services;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest's live and persistent XML, and for administrators an editor of the persistent one:
/// Check shows libvirt's verdict and the diff, Save defines it. A refusal shows libvirt's message in
/// place and the editor keeps the text.
/// </summary>
public partial class GuestXmlPanel
{
    private const string ViewStyle = "font-family: monospace; font-size: .8rem; max-height: 480px; overflow: auto; margin: 0; white-space: pre";

    private GuestXml? _xml;
    private string? _draft;
    private string? _diff;
    private string? _error;
    private string _errorTitle = "";
    private string? _loadError;
    private bool _canEdit;
    private bool _busy;
    private GuestInfo? _loadedFor;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    /// <summary>Raised after a save, so the page reads the guest again.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private RightsEvaluator Evaluator { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    [Inject]
    private IGuestPageGateway GuestDetails { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _canEdit = Authentication is not null && (await Evaluator.ForAsync((await Authentication).User)).MayOnGuest(Permission.EditGuestXml, HostId, Guest.Uuid);
        // The XML follows the guest's row: a start or stop changes the live definition.
        if (_loadedFor is null || _loadedFor.Uuid != Guest.Uuid || _loadedFor.State != Guest.State)
        {
            _loadedFor = Guest;
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            var shown = _xml?.Persistent;
            _xml = await GuestDetails.GetGuestXmlAsync(HostId, Guest.Uuid);
            _loadError = _xml is null ? G["Xml.NoGuest"].Value : null;
            // The editor keeps what the user typed; untouched, it follows the saved definition.
            if (_draft is null || _draft == shown)
            {
                _draft = _xml?.Persistent;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = ex.Message;
        }
    }

    private void Revert()
    {
        _draft = _xml?.Persistent;
        _diff = null;
        _error = null;
    }

    private async Task CheckAsync()
    {
        _busy = true;
        _error = null;
        _diff = null;
        try
        {
            var preview = await GuestDetails.PreviewGuestXmlAsync(HostId, Guest.Uuid, _draft ?? "");
            _diff = preview.Diff;
            if (!preview.Ok)
            {
                _errorTitle = G["Xml.CheckRefused"];
                _error = preview.Error is { } refusal ? AgentTexts.Describe(refusal) : "";
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _errorTitle = G["Xml.CheckFailed"];
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await GuestDetails.SaveGuestXmlAsync(Guest, _draft ?? "");
            if (!result.Ok)
            {
                _errorTitle = G["Xml.SaveRefused"];
                _error = string.Join(" ", new[] { AgentTexts.Describe(result), ActionHints.HintFor(result, L) }.Where(part => !string.IsNullOrEmpty(part)));
                return;
            }

            Snackbar.Add(G["Xml.Saved", Guest.Name], Severity.Success);
            _diff = null;
            _draft = null;
            await LoadAsync();
            await Changed.InvokeAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string? DiffClass(string line) => line switch
    {
        _ when line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) => "diff-file",
        _ when line.StartsWith('+') => "diff-added",
        _ when line.StartsWith('-') => "diff-removed",
        _ when line.StartsWith("@@", StringComparison.Ordinal) => "diff-hunk",
        _ => null,
    };

    private static string DiffStyle(string line) => DiffClass(line) switch
    {
        "diff-added" => "color: var(--mud-palette-success-darken); background: rgba(76, 175, 80, .12)",
        "diff-removed" => "color: var(--mud-palette-error-darken); background: rgba(244, 67, 54, .12)",
        "diff-hunk" => "color: var(--mud-palette-info)",
        "diff-file" => "font-weight: bold",
        _ => "",
    };
}
