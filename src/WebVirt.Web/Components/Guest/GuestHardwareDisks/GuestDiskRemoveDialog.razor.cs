using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Confirms detaching a disk and asks whether its volume goes too.</summary>
public partial class GuestDiskRemoveDialog
{
    private bool _deleteVolume;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public GuestDiskInfo Disk { get; set; } = default!;

    /// <summary>Whether to delete the volume as well, or null when the user changed their mind.</summary>
    public static async Task<bool?> AskAsync(IDialogService dialogs, string title, GuestDiskInfo disk)
    {
        var parameters = new DialogParameters<GuestDiskRemoveDialog> { { dialog => dialog.Disk, disk } };
        var reference = await dialogs.ShowAsync<GuestDiskRemoveDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await reference.Result;
        return result is { Canceled: false, Data: bool deleteVolume } ? deleteVolume : null;
    }

    private void Confirm() => Dialog.Close(DialogResult.Ok(_deleteVolume));

    private void Cancel() => Dialog.Cancel();
}
