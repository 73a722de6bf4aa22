using Microsoft.AspNetCore.Components;
using System.Globalization;
using MudBlazor;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Components.Shared;
using WebVirt.Web.Components.Storage;
using WebVirt.Web.Formatting;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// Storage pools of a host and the volumes of the selected pool, those the user may see. Whoever may
/// manage storage on a pool (by a grant on it, its host or everything) starts, stops and deletes it and
/// creates, resizes, clones, deletes, uploads and downloads its volumes; creating a pool needs the right on the host.
/// </summary>
public partial class StoragePage
{
    private const long GiB = 1024L * 1024 * 1024;

    private IReadOnlyList<StoragePoolSummary> _pools = [];
    private IReadOnlyList<StorageVolumeSummary> _volumes = [];
    private StoragePoolSummary? _pool;
    private string? _loadError;
    private string? _poolError;
    private string? _volumeError;
    private NewPool _newPool = new();
    private string _newVolumeName = "";
    private string _newVolumeFormat = "qcow2";
    private double _newVolumeGiB = 10;
    private StorageVolumeSummary? _edited;
    private VolumeEdit _editMode;
    private double _editGiB;
    private string _editName = "";

    private enum VolumeEdit
    {
        Resize,
        Clone,
    }

    [Inject]
    private IStorageGateway Gateway { get; set; } = default!;

    private string Users(StorageVolumeSummary volume) => VolumeUsersText.Format(volume.UsedBy, volume.ThroughBacking, L);

    private static string Bytes(ulong bytes) => Sizes.FromKiB((long)(bytes / 1024), CultureInfo.CurrentCulture);

    protected override Permission ManagePermission => Permission.ManageStorage;

    /// <summary>The pool's change controls, by the user's rights on it, as the storage gateway decides.</summary>
    private bool MayManage(StoragePoolSummary pool) => Rights.MayOnPool(Permission.ManageStorage, HostId, pool.Name);

    protected override void OnHostChanged() => _pool = null;

    protected override async Task LoadAsync()
    {
        if (HostId.Length == 0)
        {
            _loadError = S["NoHosts"];
            return;
        }

        Busy = true;
        try
        {
            _pools = await Gateway.GetPoolsAsync(HostId);
            await LoadSharedAsync();
            _pool = _pool is null ? null : _pools.FirstOrDefault(p => p.Name == _pool.Name);
            _volumes = _pool is null ? [] : await Gateway.GetVolumesAsync(HostId, _pool.Name);
            _loadError = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _loadError = S["LoadFailed", ex.Message];
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task SelectPoolAsync(StoragePoolSummary pool)
    {
        _pool = pool;
        _edited = null;
        _volumeError = null;
        await LoadAsync();
    }

    // The menu closes only once its item's handler returns, so the handler must not wait for the dialog.
    private async Task DownloadImageAsync(StoragePoolSummary pool)
    {
        var dialog = await ImageDownloadDialog.ShowAsync(Dialogs, S["Download.Title", pool.Name], HostId, pool.Name);
        _ = ShowDownloadedAsync(dialog, pool);
    }

    // The volume list follows finished downloads by itself (StoragePage.Downloads); this opens the pool that got one.
    private async Task ShowDownloadedAsync(IDialogReference dialog, StoragePoolSummary pool)
    {
        if (await ImageDownloadDialog.DownloadedAsync(dialog) && _pool?.Name != pool.Name)
        {
            await InvokeAsync(() => SelectPoolAsync(pool));
        }
    }

    private async Task CreatePoolAsync()
    {
        var p = _newPool;
        var request = new StoragePoolCreateRequest(
            p.Name.Trim(), p.Kind, p.TargetPath.Trim(), p.SourceDevice, p.SourceHost, p.SourceDirectory,
            p.Kind == StoragePoolKind.NetworkFileSystem ? "nfs" : p.Format, p.VolumeGroup,
            p.Devices.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            p.Start, p.Autostart);
        var result = await ChangeAsync(hostId => Gateway.CreatePoolAsync(hostId, request));
        _poolError = result.Ok ? null : AgentTexts.Describe(result);
        if (result.Ok)
        {
            Snackbar.Add(S["Pool.Created", request.Name], Severity.Success);
            _newPool = new NewPool();
        }
    }

    private async Task PoolActAsync(StoragePoolSummary pool, StoragePoolAction action)
    {
        var result = await ChangeAsync(hostId => Gateway.ActOnPoolAsync(hostId, pool.Name, action));
        Report(result, S["Pool.ActionFailed", pool.Name], S["Pool.ActionDone", pool.Name]);
    }

    private async Task DeletePoolAsync(StoragePoolSummary pool, bool withVolumes)
    {
        var message = withVolumes ? S["Pool.DeleteWithVolumesConfirm", pool.Name, pool.TargetPath] : S["Pool.DeleteConfirm", pool.Name];
        if (!await ConfirmDialog.AskAsync(Dialogs, S["Pool.DeleteTitle", pool.Name], message, withVolumes ? S["Pool.DeleteWithVolumes"] : S["Pool.Delete"]))
        {
            return;
        }

        var result = await ChangeAsync(hostId => Gateway.DeletePoolAsync(hostId, pool.Name, withVolumes));
        if (result.Ok && _pool?.Name == pool.Name)
        {
            _pool = null;
            await LoadAsync();
        }

        Report(result, S["Pool.DeleteFailed", pool.Name], S["Pool.Deleted", pool.Name]);
    }

    private async Task CreateVolumeAsync()
    {
        var request = new StorageVolumeCreateRequest(_pool!.Name, _newVolumeName.Trim(), _newVolumeFormat, ToBytes(_newVolumeGiB));
        var result = await ChangeAsync(hostId => Gateway.CreateVolumeAsync(hostId, request));
        _volumeError = result.Ok ? null : AgentTexts.Describe(result);
        if (result.Ok)
        {
            Snackbar.Add(S["Volume.Created", request.Name], Severity.Success);
            _newVolumeName = "";
        }
    }

    private void Edit(StorageVolumeSummary volume, VolumeEdit mode)
    {
        _edited = volume;
        _editMode = mode;
        _editGiB = Math.Ceiling(volume.CapacityBytes / (double)GiB) + 1;
        var dot = volume.Name.LastIndexOf('.');
        _editName = dot > 0 ? volume.Name[..dot] + "-copy" + volume.Name[dot..] : volume.Name + "-copy";
    }

    private async Task ApplyEditAsync()
    {
        var volume = _edited!;
        var result = _editMode == VolumeEdit.Resize
            ? await ChangeAsync(hostId => Gateway.ResizeVolumeAsync(hostId, new StorageVolumeResizeRequest(volume.Pool, volume.Name, ToBytes(_editGiB))))
            : await ChangeAsync(hostId => Gateway.CloneVolumeAsync(hostId, new StorageVolumeCloneRequest(volume.Pool, volume.Name, _editName.Trim())));
        if (result.Ok)
        {
            _edited = null;
        }

        Report(result, S["Volume.Failed", volume.Name], S["Volume.Done", volume.Name]);
    }

    private async Task DeleteVolumeAsync(StorageVolumeSummary volume)
    {
        if (!await ConfirmDialog.AskAsync(Dialogs, S["Volume.DeleteTitle", volume.Name], S["Volume.DeleteConfirm", volume.Name, volume.Path], S["Volume.Delete"]))
        {
            return;
        }

        var result = await ChangeAsync(hostId => Gateway.DeleteVolumeAsync(hostId, volume.Pool, volume.Name));
        Report(result, S["Volume.Failed", volume.Name], S["Volume.Deleted", volume.Name]);
    }

    private static long ToBytes(double gib) => double.IsFinite(gib) && gib > 0 && gib < long.MaxValue / GiB ? (long)Math.Round(gib * GiB) : 0;

    /// <summary>The new-pool form; strings stay empty rather than null so the inputs bind.</summary>
    /// <summary>libvirt's pool type (dir, netfs, …) in the user's language; a type the catalogue does not know is shown as libvirt names it.</summary>
    private string PoolTypeText(string type)
    {
        var text = S["PoolType." + type];
        return text.ResourceNotFound ? type : text.Value;
    }

    private sealed class NewPool
    {
        public StoragePoolKind Kind { get; set; } = StoragePoolKind.Directory;

        public string Name { get; set; } = "";

        public string TargetPath { get; set; } = "";

        public string SourceDevice { get; set; } = "";

        public string SourceHost { get; set; } = "";

        public string SourceDirectory { get; set; } = "";

        public string Format { get; set; } = "auto";

        public string VolumeGroup { get; set; } = "";

        public string Devices { get; set; } = "";

        public bool Start { get; set; } = true;

        public bool Autostart { get; set; } = true;
    }
}
