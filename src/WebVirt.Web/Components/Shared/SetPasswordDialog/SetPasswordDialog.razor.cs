using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace WebVirt.Web.Components.Shared;

/// <summary>Asks an administrator for another user's new password.</summary>
public partial class SetPasswordDialog
{
    private string _password = "";

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The password typed, or null when the administrator cancelled.</summary>
    public static async Task<string?> AskAsync(IDialogService dialogs, string title)
    {
        var options = new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true };
        var reference = await dialogs.ShowAsync<SetPasswordDialog>(title, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: string password } ? password : null;
    }

    private void Confirm() => Dialog.Close(DialogResult.Ok(_password));

    private void Cancel() => Dialog.Cancel();
}
