using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Names and describes a new snapshot; memory can only be saved from a running guest. Stays open on a refusal.</summary>
public partial class GuestSnapshotCreateDialog
{
    private string _name = "";
    private string _description = "";
    private bool _memory;

    [Parameter]
    public bool Running { get; set; }

    [Parameter, EditorRequired]
    public Func<GuestSnapshotCreate, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, GuestInfo guest, Func<GuestSnapshotCreate, Task<ActionResult>> submit)
    {
        ArgumentNullException.ThrowIfNull(guest);
        var parameters = new DialogParameters<GuestSnapshotCreateDialog>
        {
            { dialog => dialog.Running, guest.State == GuestState.Running },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestSnapshotCreateDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        await reference.Result;
    }

    protected override void OnInitialized()
    {
        _name = "snap-" + DateTime.Now.ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        _memory = Running;
    }

    private async Task SubmitAsync()
    {
        var name = _name.Trim();
        if (name.Length == 0)
        {
            Error = S["SnapshotCreate.NeedName"];
            return;
        }

        var description = string.IsNullOrWhiteSpace(_description) ? null : _description.Trim();
        await SendAsync(() => Submit(new GuestSnapshotCreate(name, description, Running && _memory)));
    }
}
