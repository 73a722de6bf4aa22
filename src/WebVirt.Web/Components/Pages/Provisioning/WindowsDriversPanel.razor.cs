using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// The wizard's offer, for a Windows guest, to attach the virtio driver ISO (virtio-win.iso) as a
/// second CD-ROM. A volume named like virtio-win in any pool is found and chosen up front; without
/// the disk the agent gives the guest emulated devices Windows Setup has drivers for, and this says so.
/// </summary>
public partial class WindowsDriversPanel
{
    private IReadOnlyList<StorageVolumeDto> _isos = [];
    private bool _loading = true;

    /// <summary>Why the chosen pool's volumes could not be read (it was removed meanwhile, say).</summary>
    private string? _readProblem;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<StoragePoolDto> Pools { get; set; } = [];

    /// <summary>The ISO and other volumes of a pool (the wizard's agent call).</summary>
    [Parameter, EditorRequired]
    public Func<string, Task<IReadOnlyList<StorageVolumeDto>>> ListVolumes { get; set; } = default!;

    [Parameter, EditorRequired]
    public WindowsDriversChoice Choice { get; set; } = default!;

    /// <summary>Raised after the choice changed, so the wizard forgets the old refusal.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    /// <summary>The agent's refusal of the driver ISO, in the user's language.</summary>
    [Parameter]
    public string? Problem { get; set; }

    /// <summary>osinfo-db's families of Microsoft Windows, as the agent's device rule knows them.</summary>
    public static bool IsWindows(OsVariantDto? os) => os?.Family is "winnt" or "win9x" or "win16";

    public static bool IsIso(StorageVolumeDto volume) =>
        volume.Format == "iso" || volume.Name.EndsWith(".iso", StringComparison.OrdinalIgnoreCase);

    protected override async Task OnParametersSetAsync()
    {
        if (Choice.HostId == HostId)
        {
            if (Choice.Pool is not null && _loading)
            {
                await LoadAsync(Choice.Pool);
            }

            _loading = false;
            return;
        }

        // First time for this host: look for the driver disk in every pool and offer it checked.
        Choice.HostId = HostId;
        Choice.Attach = false;
        Choice.Pool = Choice.Path = Choice.VolumeName = null;
        foreach (StoragePoolDto pool in Pools.Where(p => p.Active))
        {
            // A pool that cannot be read (removed since the wizard listed the pools) holds no offer.
            if (await ReadIsosAsync(pool.Name) is not { } isos)
            {
                continue;
            }

            StorageVolumeDto? drivers = isos.FirstOrDefault(v => v.Name.Contains("virtio-win", StringComparison.OrdinalIgnoreCase));
            if (drivers is not null)
            {
                Choice.Attach = true;
                Choice.Pool = pool.Name;
                Select(drivers);
                _isos = isos;
                break;
            }

            if (Choice.Pool is null && isos.Count > 0)
            {
                Choice.Pool = pool.Name;
                _isos = isos;
            }
        }

        Choice.Pool ??= Pools.FirstOrDefault(p => p.Active)?.Name;
        _readProblem = null;
        _loading = false;
        await Changed.InvokeAsync();
    }

    private async Task AttachChangedAsync(bool attach)
    {
        Choice.Attach = attach;
        if (attach && Choice.Path is null)
        {
            Select(_isos.FirstOrDefault());
        }

        await Changed.InvokeAsync();
    }

    private async Task PoolChangedAsync(string? pool)
    {
        Choice.Pool = pool;
        await LoadAsync(pool);
        Select(_isos.FirstOrDefault(v => v.Name.Contains("virtio-win", StringComparison.OrdinalIgnoreCase)) ?? _isos.FirstOrDefault());
        await Changed.InvokeAsync();
    }

    private async Task VolumeChangedAsync(string? path)
    {
        Select(_isos.FirstOrDefault(v => v.Path == path));
        await Changed.InvokeAsync();
    }

    private async Task LoadAsync(string? pool)
    {
        _readProblem = null;
        _isos = pool is null ? [] : await ReadIsosAsync(pool) ?? [];
    }

    /// <summary>The pool's ISO volumes, or null with the agent's reason kept when they cannot be read.</summary>
    private async Task<List<StorageVolumeDto>?> ReadIsosAsync(string pool)
    {
        var read = await PoolVolumesRead.ReadAsync(ListVolumes, pool);
        _readProblem = read.Problem;
        return read.Problem is null ? [.. read.Volumes.Where(IsIso)] : null;
    }

    private void Select(StorageVolumeDto? volume)
    {
        Choice.Path = volume?.Path;
        Choice.VolumeName = volume?.Name;
    }
}
