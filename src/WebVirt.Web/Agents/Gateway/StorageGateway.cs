using System.Globalization;
using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class StorageGateway(AgentCallPipeline pipeline) : IStorageGateway
{
    public Task<IReadOnlyList<StoragePoolSummary>> GetPoolsAsync(string hostId, CancellationToken cancellationToken = default) =>
        pipeline.ReadVisibleAsync(hostId, Permission.ViewInventory, call => call.Hub.GetStoragePools(), pool => RightsTarget.Pool(hostId, pool.Name), cancellationToken);

    public Task<IReadOnlyList<StorageVolumeSummary>> GetVolumesAsync(string hostId, string pool, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Pool(hostId, pool), Permission.ViewInventory, call => call.Hub.GetStorageVolumes(pool), cancellationToken);

    public Task<ActionResult> CreatePoolAsync(string hostId, StoragePoolCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, null, "create-storage-pool", request.Name, call => call.Hub.CreateStoragePool(request), cancellationToken);
    }

    public Task<ActionResult> ActOnPoolAsync(string hostId, string pool, StoragePoolAction action, CancellationToken cancellationToken = default) =>
        Change(hostId, pool, "storage-pool-" + action.ToString().ToLowerInvariant(), pool, call => call.Hub.ActOnStoragePool(pool, action), cancellationToken);

    public Task<ActionResult> DeletePoolAsync(string hostId, string pool, bool deleteVolumes, CancellationToken cancellationToken = default) =>
        Change(hostId, pool, deleteVolumes ? "delete-storage-pool-and-volumes" : "delete-storage-pool", pool,
            call => call.Hub.DeleteStoragePool(pool, deleteVolumes), cancellationToken);

    public Task<ActionResult> CreateVolumeAsync(string hostId, StorageVolumeCreateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, request.Pool, "create-volume", $"{request.Pool}/{request.Name}",
            call => call.Hub.CreateStorageVolume(request), cancellationToken);
    }

    public Task<ActionResult> CloneVolumeAsync(string hostId, StorageVolumeCloneRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, request.Pool, "clone-volume", $"{request.Pool}/{request.Source} -> {request.NewName}",
            call => call.Hub.CloneStorageVolume(request), cancellationToken);
    }

    public Task<ActionResult> ResizeVolumeAsync(string hostId, StorageVolumeResizeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Change(hostId, request.Pool, "resize-volume", string.Create(CultureInfo.InvariantCulture, $"{request.Pool}/{request.Name} {request.NewCapacityBytes} bytes"),
            call => call.Hub.ResizeStorageVolume(request), cancellationToken);
    }

    public Task<ActionResult> DeleteVolumeAsync(string hostId, string pool, string name, CancellationToken cancellationToken = default) =>
        Change(hostId, pool, "delete-volume", $"{pool}/{name}", call => call.Hub.DeleteStorageVolume(pool, name), cancellationToken);

    public Task<ProvisioningResult> DownloadVolumeAsync(string hostId, StorageVolumeDownloadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return pipeline.StartAsync(new AgentChange(hostId, Permission.ManageStorage, "download-volume", $"{request.Pool}: {Audited(request.Url)}") { On = RightsTarget.Pool(hostId, request.Pool) },
            call => call.Hub.DownloadStorageVolume(request with { RequestedBy = call.UserName }), cancellationToken);
    }

    public Task<ActionResult> CancelDownloadAsync(string hostId, string taskId, CancellationToken cancellationToken = default) =>
        Change(hostId, null, "cancel-download", taskId, call => call.Hub.RequestTaskCancel(taskId), cancellationToken);

    // The agent refuses URLs with credentials, but the audit row is written first: it never keeps them.
    private static string Audited(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo)
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString()
            : url;

    // A change in one pool needs the right on it (or above); creating a pool needs it on the host.
    private Task<ActionResult> Change(string hostId, string? pool, string action, string target, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.ManageStorage, action, target) { On = pool is null ? null : RightsTarget.Pool(hostId, pool) }, call, cancellationToken);
}
