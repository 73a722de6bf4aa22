using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Services;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Shows what deleting a guest removes (its disks, who else uses them, whether it is forced off) and
/// asks for the guest's name typed out, because a delete with disks cannot be undone.
/// </summary>
public partial class DeleteGuestDialog
{
    private DeletePlan? _plan;
    private bool _deleteDisks;
    private string? _typed;
    private bool _busy;
    private string? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Parameter, EditorRequired]
    public GuestInfo Guest { get; set; } = default!;

    // The name is compared exactly, as the agent does: a near-miss means the user may be looking at another guest.
    private bool CanDelete => !_busy && _plan is { ErrorCode: null } plan && string.Equals(_typed, plan.Name, StringComparison.Ordinal);

    /// <summary>Shows the dialog and tells whether the delete task started.</summary>
    public static async Task<bool> ShowAsync(IDialogService dialogs, string title, GuestInfo guest)
    {
        var parameters = new DialogParameters<DeleteGuestDialog> { { dialog => dialog.Guest, guest } };
        var options = new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true };
        var reference = await dialogs.ShowAsync<DeleteGuestDialog>(title, parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false };
    }

    protected override async Task OnInitializedAsync() => _plan = await Provisioning.GetDeletePlanAsync(Guest);

    private IReadOnlyList<string> OtherUsers(StorageVolumeDto disk) =>
        [.. disk.UsedBy.Where(name => !string.Equals(name, Guest.Name, StringComparison.Ordinal))];

    private async Task SubmitAsync()
    {
        if (!CanDelete)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var result = await Provisioning.DeleteAsync(Guest, _typed!, _deleteDisks);
            if (result.Ok)
            {
                Dialog.Close(DialogResult.Ok(true));
                return;
            }

            var failure = result.AsAction();
            _error = string.Join(" ", new[] { AgentTexts.Describe(failure), ActionHints.HintFor(failure, L) }.OfType<string>());
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
