using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Asks for the clone's name and starts the agent's clone task. The agent validates the name against
/// the live host, so its refusals are shown here at the field, in the user's language.
/// </summary>
public partial class CloneGuestDialog
{
    private string _name = "";
    private bool _start;
    private bool _linked;
    private bool _busy;
    private List<string> _nameErrors = [];
    private List<string> _otherErrors = [];

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
            var result = await Provisioning.CloneAsync(Source, name, _start, _linked);
            if (result.Ok)
            {
                Dialog.Close(DialogResult.Ok(name));
                return;
            }

            var culture = CultureInfo.CurrentUICulture;
            _nameErrors = [.. result.Problems.Where(IsNameProblem).Select(p => ProblemText.Format(p, culture))];
            _otherErrors = [.. result.Problems.Where(p => !IsNameProblem(p)).Select(p => ProblemText.Format(p, culture))];
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

    private static bool IsNameProblem(ProblemDto problem) => problem.Field == "Name";

    private void Cancel() => Dialog.Cancel();
}
