using Microsoft.AspNetCore.Components;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Guest;

/// <summary>Picks an active storage pool of the host and, when <see cref="ShowVolumes"/>, one of its volumes that passes <see cref="Filter"/>.</summary>
public partial class VolumePicker
{
    private IReadOnlyList<StoragePoolSummary> _pools = [];
    private IReadOnlyList<StorageVolumeSummary> _volumes = [];
    private string? _error;

    [Inject]
    private IStorageGateway Storage { get; set; } = default!;

    [Parameter, EditorRequired]
    public string HostId { get; set; } = "";

    [Parameter]
    public string? Pool { get; set; }

    [Parameter]
    public EventCallback<string?> PoolChanged { get; set; }

    [Parameter]
    public string? Volume { get; set; }

    [Parameter]
    public EventCallback<string?> VolumeChanged { get; set; }

    [Parameter]
    public bool ShowVolumes { get; set; } = true;

    /// <summary>Whether the user may leave the choice empty (an empty CD-ROM drive).</summary>
    [Parameter]
    public bool Optional { get; set; }

    [Parameter]
    public Func<StorageVolumeSummary, bool> Filter { get; set; } = _ => true;

    [Parameter]
    public string VolumeLabel { get; set; } = "";

    [Parameter]
    public string TestId { get; set; } = "hw-volume";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var pools = await Storage.GetPoolsAsync(HostId);
            _pools = [.. pools.Where(p => p.Active)];
            if (Pool is null && !Optional && _pools.Count > 0)
            {
                await PoolChangedAsync(_pools[0].Name);
            }
            else if (Pool is not null)
            {
                await LoadVolumesAsync(Pool);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _error = S["Volume.LoadFailed", ex.Message];
        }
    }

    private string VolumeText(StorageVolumeSummary volume) =>
        volume.UsedBy.Count == 0
            ? $"{volume.Name} ({HardwareFormat.Bytes((long)Math.Min(volume.CapacityBytes, long.MaxValue))})"
            : $"{volume.Name} ({HardwareFormat.Bytes((long)Math.Min(volume.CapacityBytes, long.MaxValue))}; {VolumeUsersText.Format(volume.UsedBy, volume.ThroughBacking, L)})";

    private async Task PoolChangedAsync(string? pool)
    {
        Pool = pool;
        await PoolChanged.InvokeAsync(pool);
        Volume = null;
        await VolumeChanged.InvokeAsync(null);
        await LoadVolumesAsync(pool);
    }

    private async Task VolumeChangedAsync(string? volume)
    {
        Volume = volume;
        await VolumeChanged.InvokeAsync(volume);
    }

    private async Task LoadVolumesAsync(string? pool)
    {
        _volumes = [];
        if (pool is null || !ShowVolumes)
        {
            return;
        }

        try
        {
            _volumes = await Storage.GetVolumesAsync(HostId, pool);
            _error = null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _error = S["Volume.LoadFailed", ex.Message];
        }
    }
}
