using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>Adds a new volume, an existing volume or a CD-ROM drive (with an ISO or empty); stays open on a refusal.</summary>
public partial class GuestDiskAddDialog
{
    private GuestDiskSourceKind _kind = GuestDiskSourceKind.NewVolume;
    private string? _pool;
    private string? _volume;
    private string _newName = "";
    private double _sizeGiB = 10;
    private string _format = "qcow2";
    private string _bus = "virtio";
    private string? _cache;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    public bool ShutOff { get; set; }

    [Parameter, EditorRequired]
    public Func<GuestDiskAdd, Task<ActionResult>> Submit { get; set; } = default!;

    public static async Task ShowAsync(IDialogService dialogs, string title, string hostId, bool shutOff, Func<GuestDiskAdd, Task<ActionResult>> submit)
    {
        var parameters = new DialogParameters<GuestDiskAddDialog>
        {
            { dialog => dialog.HostId, hostId },
            { dialog => dialog.ShutOff, shutOff },
            { dialog => dialog.Submit, submit },
        };
        var reference = await dialogs.ShowAsync<GuestDiskAddDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Small, FullWidth = true });
        await reference.Result;
    }

    private void KindChanged(GuestDiskSourceKind kind)
    {
        _kind = kind;
        _volume = null;
        Error = null;
        _bus = kind == GuestDiskSourceKind.Cdrom ? DiskChoices.CdromBuses[0] : DiskChoices.DiskBuses[0];
    }

    private async Task SubmitAsync()
    {
        Error = Problem();
        if (Error is not null)
        {
            return;
        }

        var add = _kind switch
        {
            GuestDiskSourceKind.NewVolume => new GuestDiskAdd(_kind, _pool, _newName.Trim() is { Length: > 0 } name ? name : null,
                HardwareFormat.GiBToBytes(_sizeGiB), _format, _bus, _cache),
            GuestDiskSourceKind.ExistingVolume => new GuestDiskAdd(_kind, _pool, _volume, Bus: _bus, Cache: _cache),
            _ => new GuestDiskAdd(_kind, _volume is null ? null : _pool, _volume, Bus: _bus, Cache: _cache),
        };
        await SendAsync(() => Submit(add));
    }

    /// <summary>What the form still lacks; the agent checks the rest (names, sizes against the pool).</summary>
    private string? Problem() => _kind switch
    {
        _ when _kind != GuestDiskSourceKind.Cdrom && _pool is null => S["DiskAdd.NeedPool"].Value,
        GuestDiskSourceKind.NewVolume when HardwareFormat.GiBToBytes(_sizeGiB) <= 0 => S["DiskAdd.NeedSize"].Value,
        GuestDiskSourceKind.ExistingVolume when _volume is null => S["DiskAdd.NeedVolume"].Value,
        _ => null,
    };
}
