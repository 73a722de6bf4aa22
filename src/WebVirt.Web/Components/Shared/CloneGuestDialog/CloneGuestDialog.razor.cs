using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Asks for the clone's name and starts the agent's clone task. A source made from a cloud image
/// (a cloud template) also asks the disk size and SSH keys of the clone's own cloud-init seed,
/// prefilled with the template's. The agent validates everything against the live host, so its
/// refusals are shown here at their fields, in the user's language.
/// </summary>
public partial class CloneGuestDialog
{
    private string _name = "";
    private bool _start;
    private bool _linked;
    private bool _busy;
    private List<string> _nameErrors = [];
    private List<string> _otherErrors = [];
    private List<string> _sizeErrors = [];
    private List<string> _keyErrors = [];
    private CloudTemplateInfo? _cloud;
    private long _diskSizeGiB;
    private string _sshKeys = "";

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Parameter, EditorRequired]
    public GuestInfo Source { get; set; } = default!;

    /// <summary>Shows the dialog; the new guest's name once its clone task started, else null.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, string title, GuestInfo source)
    {
        var parameters = new DialogParameters<CloneGuestDialog> { { dialog => dialog.Source, source } };
        var options = new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };
        var reference = await dialogs.ShowAsync<CloneGuestDialog>(title, parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }

    protected override void OnParametersSet()
    {
        if (_name.Length == 0)
        {
            _name = Source.Name + "-clone";
        }
    }

    protected override async Task OnInitializedAsync()
    {
        _cloud = await Provisioning.GetCloudTemplateInfoAsync(Source);
        _diskSizeGiB = _cloud.DiskSizeGiB;
        _sshKeys = string.Join("\n", _cloud.SshKeys);
    }

    private void DiskSizeChanged(long value)
    {
        _diskSizeGiB = value;
        _sizeErrors = [];
    }

    private void KeysChanged(string? value)
    {
        _sshKeys = value ?? "";
        _keyErrors = [];
    }

    private void NameChanged(string? value)
    {
        _name = value ?? "";
        _nameErrors = [];
    }

    private async Task SubmitAsync()
    {
        var name = _name.Trim();
        _otherErrors = [];
        if (name.Length == 0)
        {
            _nameErrors = [P["Clone.NameRequired"]];
            return;
        }

        _busy = true;
        try
        {
            var request = new CloneGuestRequest(Source.Uuid, name, _start, "", _linked);
            if (_cloud is { HasDefaults: true })
            {
                // The host name is the clone's name: the agent defaults it so.
                request = request with { CloudInit = new CloneCloudInit(null, CloudKeyLines(_sshKeys)), DiskSizeGiB = _diskSizeGiB };
            }

            var result = await Provisioning.CloneAsync(Source, request);
            if (result.Ok)
            {
                Dialog.Close(DialogResult.Ok(name));
                return;
            }

            var culture = CultureInfo.CurrentUICulture;
            _nameErrors = [.. result.Problems.Where(IsNameProblem).Select(p => ProblemText.AtField(p, culture))];
            _sizeErrors = [.. result.Problems.Where(p => p.Field == "DiskSizeGiB").Select(p => ProblemText.AtField(p, culture))];
            _keyErrors = [.. result.Problems.Where(p => p.Field == "CloudInit.SshKeys").Select(p => ProblemText.AtField(p, culture))];
            _otherErrors = [.. result.Problems.Where(p => !IsNameProblem(p) && p.Field is not ("DiskSizeGiB" or "CloudInit.SshKeys")).Select(p => ProblemText.Format(p, culture))];
            if (result.Problems.Count == 0)
            {
                var failure = result.AsAction();
                _otherErrors.Add(string.Join(" ", new[] { AgentTexts.Describe(failure), ActionHints.HintFor(failure, L) }.OfType<string>()));
            }
        }
        finally
        {
            _busy = false;
        }
    }

    // The clone's host name is its name, so a refused host name belongs at the name field.
    private static bool IsNameProblem(ProblemDto problem) => problem.Field is "Name" or "CloudInit.HostName";

    private static IReadOnlyList<string> CloudKeyLines(string text) =>
        [.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private void Cancel() => Dialog.Cancel();
}
