using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// A dialog of the guest page that sends one change: it closes when the agent accepts it and stays
/// open with the agent's message when it is refused, so the user can correct what they typed.
/// </summary>
public abstract class GuestChangeDialog : ComponentBase
{
    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>Why the last try was refused (by the form's own check or by the agent).</summary>
    protected string? Error { get; set; }

    /// <summary>While the change is on its way: the buttons wait.</summary>
    protected bool Busy { get; private set; }

    protected async Task SendAsync(Func<Task<ActionResult>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Busy = true;
        try
        {
            var result = await change();
            if (result.Ok)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }

            Error = AgentTexts.Describe(result);
        }
        finally
        {
            Busy = false;
        }
    }

    protected void Cancel() => Dialog.Cancel();
}
