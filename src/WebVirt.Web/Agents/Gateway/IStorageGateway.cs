using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A host's storage pools and volumes: <c>IAgentHub.Storage</c>.</summary>
public interface IStorageGateway
{
    Task<IReadOnlyList<StoragePoolSummary>> GetPoolsAsync(string hostId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StorageVolumeSummary>> GetVolumesAsync(string hostId, string pool, CancellationToken cancellationToken = default);

    Task<ActionResult> CreatePoolAsync(string hostId, StoragePoolCreateRequest request, CancellationToken cancellationToken = default);

    Task<ActionResult> ActOnPoolAsync(string hostId, string pool, StoragePoolAction action, CancellationToken cancellationToken = default);

    Task<ActionResult> DeletePoolAsync(string hostId, string pool, bool deleteVolumes, CancellationToken cancellationToken = default);

    Task<ActionResult> CreateVolumeAsync(string hostId, StorageVolumeCreateRequest request, CancellationToken cancellationToken = default);

    Task<ActionResult> CloneVolumeAsync(string hostId, StorageVolumeCloneRequest request, CancellationToken cancellationToken = default);

    Task<ActionResult> ResizeVolumeAsync(string hostId, StorageVolumeResizeRequest request, CancellationToken cancellationToken = default);

    Task<ActionResult> DeleteVolumeAsync(string hostId, string pool, string name, CancellationToken cancellationToken = default);

    /// <summary>Starts a download into a pool; its progress arrives with the agent's task pushes.</summary>
    Task<ProvisioningResult> DownloadVolumeAsync(string hostId, StorageVolumeDownloadRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stops a running download; the agent deletes the partial volume and ends the task as cancelled.</summary>
    Task<ActionResult> CancelDownloadAsync(string hostId, string taskId, CancellationToken cancellationToken = default);
}
