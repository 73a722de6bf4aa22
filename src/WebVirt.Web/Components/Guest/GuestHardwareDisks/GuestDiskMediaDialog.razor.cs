using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Inserts an ISO volume into a CD-ROM drive or ejects what is in it.</summary>
public partial class GuestDiskMediaDialog
{
    private string? _pool;
    private string? _volume;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestDiskInfo Disk { get; set; } = default!;

    /// <summary>Sends pool and volume, or two nulls to eject.</summary>
    [Parameter, EditorRequired]
    public Func<string?, string?, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, string hostId, GuestDiskInfo disk, Func<string?, string?, Task<ActionResult>> submit)
    {
        var parameters = new DialogParameters<GuestDiskMediaDialog>
        {
            { dialog => dialog.HostId, hostId },
            { dialog => dialog.Disk, disk },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestDiskMediaDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        await reference.Result;
    }

    protected override void OnInitialized() => _pool = Disk.Pool;

    private async Task SubmitAsync(string? pool, string? volume)
    {
        await SendAsync(() => Submit(pool, volume));
    }
}
