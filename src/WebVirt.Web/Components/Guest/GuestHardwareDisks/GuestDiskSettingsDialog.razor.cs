using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Changes a disk's bus and cache mode; only what differs from now is sent (null keeps it).</summary>
public partial class GuestDiskSettingsDialog
{
    private string? _bus;
    private string? _cache;

    [Parameter, EditorRequired]
    public GuestDiskInfo Disk { get; set; } = default!;

    [Parameter, EditorRequired]
    public Func<string?, string?, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, GuestDiskInfo disk, Func<string?, string?, Task<ActionResult>> submit)
    {
        var parameters = new DialogParameters<GuestDiskSettingsDialog>
        {
            { dialog => dialog.Disk, disk },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestDiskSettingsDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        await reference.Result;
    }

    protected override void OnInitialized()
    {
        _bus = Disk.Bus;
        _cache = Disk.Cache;
    }

    private async Task SubmitAsync()
    {
        var bus = _bus == Disk.Bus ? null : _bus;
        var cache = _cache == Disk.Cache ? null : _cache;
        if (bus is null && cache is null)
        {
            Cancel();
            return;
        }

        await SendAsync(() => Submit(bus, cache));
    }
}
