using WebVirt.Agent.Storage;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>Storage pools and volumes (<see cref="StorageService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<IReadOnlyList<StoragePoolSummary>> GetStoragePools() => Feature<StorageService>().GetPoolsAsync(Context.ConnectionAborted);

    public Task<IReadOnlyList<StorageVolumeSummary>> GetStorageVolumes(string pool) =>
        Feature<StorageService>().GetVolumesAsync(pool, Context.ConnectionAborted);

    public Task<ActionResult> CreateStoragePool(StoragePoolCreateRequest request) =>
        Feature<StorageService>().CreatePoolAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> ActOnStoragePool(string pool, StoragePoolAction action) =>
        Feature<StorageService>().ActOnPoolAsync(pool, action, Context.ConnectionAborted);

    public Task<ActionResult> DeleteStoragePool(string pool, bool deleteVolumes) =>
        Feature<StorageService>().DeletePoolAsync(pool, deleteVolumes, Context.ConnectionAborted);

    public Task<ActionResult> CreateStorageVolume(StorageVolumeCreateRequest request) =>
        Feature<StorageService>().CreateVolumeAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> CloneStorageVolume(StorageVolumeCloneRequest request) =>
        Feature<StorageService>().CloneVolumeAsync(request, Context.ConnectionAborted);

    public Task<ProvisioningResult> DownloadStorageVolume(StorageVolumeDownloadRequest request) =>
        Feature<VolumeDownloadService>().StartAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> ResizeStorageVolume(StorageVolumeResizeRequest request) =>
        Feature<StorageService>().ResizeVolumeAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> DeleteStorageVolume(string pool, string name) =>
        Feature<StorageService>().DeleteVolumeAsync(pool, name, Context.ConnectionAborted);
}
