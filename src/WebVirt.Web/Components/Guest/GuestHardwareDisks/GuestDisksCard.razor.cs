using Microsoft.AspNetCore.Components;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Components.Guest;

/// <summary>
/// The guest's disks and CD-ROM drives with add, remove, grow, media and bus/cache changes. Dialogs
/// that take input send the change themselves, so a refusal shows in the dialog with what was typed.
/// </summary>
public partial class GuestDisksCard
{
    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private IProvisioningGateway Provisioning { get; set; } = default!;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public GuestDetails Details { get; set; } = default!;

    [Parameter]
    public bool CanEdit { get; set; }

    [Parameter, EditorRequired]
    public Func<HardwareChange, Task<ActionResult>> Apply { get; set; } = default!;

    private bool IsShutOff => Details.Guest.State == GuestState.ShutOff;

    private string DeviceText(GuestDiskInfo disk) => S["Disks.Device." + disk.Device] is { ResourceNotFound: false } text ? text : disk.Device;

    private string SourceText(GuestDiskInfo disk) => disk switch
    {
        { Pool: { } pool, Volume: { } volume } => $"{pool}/{volume}",
        { SourcePath: { } path } => path,
        _ => S["Disks.Empty"],
    };

    private Task AddAsync() => GuestDiskAddDialog.ShowAsync(Dialogs, S["DiskAdd.Title", Details.Guest.Name], HostId, IsShutOff, add =>
        Apply(new HardwareChange(S["Disk.What.New"], (gateway, guest) => gateway.AddDiskAsync(guest, add))));

    private async Task RemoveAsync(GuestDiskInfo disk)
    {
        var deleteVolume = await GuestDiskRemoveDialog.AskAsync(Dialogs, S["DiskRemove.Title", disk.Target], disk);
        if (deleteVolume is { } delete)
        {
            await Apply(new HardwareChange(S["Disk.What", disk.Target], (gateway, guest) => gateway.RemoveDiskAsync(guest, disk.Target, delete)));
        }
    }

    private Task ResizeAsync(GuestDiskInfo disk) => GuestDiskResizeDialog.ShowAsync(Dialogs, S["DiskResize.Title", disk.Target], disk, bytes =>
        Apply(new HardwareChange(S["Disk.What", disk.Target], (gateway, guest) => gateway.ResizeDiskAsync(guest, disk.Target, bytes))));

    private Task MediaAsync(GuestDiskInfo disk) => GuestDiskMediaDialog.ShowAsync(Dialogs, S["DiskMedia.Title", disk.Target], HostId, disk, (pool, volume) =>
        Apply(new HardwareChange(S["Disk.What", disk.Target], (gateway, guest) => gateway.ChangeMediaAsync(guest, disk.Target, pool, volume))));

    /// <summary>The NoCloud seed WebVirt attached to a guest made from a cloud image (&lt;guest&gt;-cidata.iso).</summary>
    private bool IsCloudSeed(GuestDiskInfo disk) =>
        disk.Device == "cdrom" && Path.GetFileName(disk.Volume ?? disk.SourcePath ?? "") == Details.Guest.Name + "-cidata.iso";

    private Task RemoveSeedAsync(GuestDiskInfo disk) =>
        Apply(new HardwareChange(S["Disk.What", disk.Target], (_, guest) => Provisioning.RemoveCloudSeedAsync(guest)));

    private Task SettingsAsync(GuestDiskInfo disk) => GuestDiskSettingsDialog.ShowAsync(Dialogs, S["DiskSettings.Title", disk.Target], disk, (bus, cache) =>
        Apply(new HardwareChange(S["Disk.What", disk.Target], (gateway, guest) => gateway.ChangeDiskSettingsAsync(guest, disk.Target, bus, cache))));
}
