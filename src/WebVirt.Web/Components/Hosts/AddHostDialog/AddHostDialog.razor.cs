using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Web.Agents.Enrolment;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Hosts;

/// <summary>
/// Adds a host from its address and the one-time code `webvirt-agent enrol` printed there. The dialog closes with
/// the added host only when the agent proved it made that code; any refusal stays in the dialog, worded.
/// </summary>
public partial class AddHostDialog
{
    private string _address = "";
    private string _code = "";
    private string _name = "";
    private string? _error;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private HostEnrolmentService Enrolment { get; set; } = default!;

    /// <summary>Shows the dialog; the added host's result, or null when it was cancelled.</summary>
    public static async Task<HostEnrolmentResult?> ShowAsync(IDialogService dialogs, string title)
    {
        var reference = await dialogs.ShowAsync<AddHostDialog>(title, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await reference.Result;
        return result is { Canceled: false, Data: HostEnrolmentResult added } ? added : null;
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SubmitAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var result = await Enrolment.EnrolAsync(_address, _code, _name);
            if (result.Ok)
            {
                Dialog.Close(DialogResult.Ok(result));
                return;
            }

            _error = AgentTexts.Describe(result.Failure);
        }
        finally
        {
            _busy = false;
        }
    }
}
