using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Grows a disk. Shrinking loses data, so a size not above the current one is refused here before the agent refuses it too.</summary>
public partial class GuestDiskResizeDialog
{
    private double _sizeGiB;
    private bool _tooSmall;

    [Parameter, EditorRequired]
    public GuestDiskInfo Disk { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<long, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, GuestDiskInfo disk, Func<long, Task<ActionResult>> submit)
    {
        var parameters = new DialogParameters<GuestDiskResizeDialog>
        {
            { dialog => dialog.Disk, disk },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestDiskResizeDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        await reference.Result;
    }

    protected override void OnInitialized() => _sizeGiB = Math.Ceiling((Disk.CapacityBytes ?? 0) / (double)HardwareFormat.GiB) + 1;

    private void SizeChanged(double gib)
    {
        _sizeGiB = gib;
        _tooSmall = !Grows(gib);
        Error = null;
    }

    private bool Grows(double gib) => HardwareFormat.GiBToBytes(gib) > (Disk.CapacityBytes ?? 0);

    private async Task SubmitAsync()
    {
        _tooSmall = !Grows(_sizeGiB);
        if (_tooSmall)
        {
            return;
        }

        await SendAsync(() => Submit(HardwareFormat.GiBToBytes(_sizeGiB)));
    }
}
