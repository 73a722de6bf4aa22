namespace WebVirt.Contracts;

/// <summary>Storage pools and volumes of the agent's host.</summary>
public partial interface IAgentHub
{
    Task<IReadOnlyList<StoragePoolSummary>> GetStoragePools();

    /// <summary>The pool's volumes; empty for an inactive pool (libvirt lists none).</summary>
    Task<IReadOnlyList<StorageVolumeSummary>> GetStorageVolumes(string pool);

    Task<ActionResult> CreateStoragePool(StoragePoolCreateRequest request);

    Task<ActionResult> ActOnStoragePool(string pool, StoragePoolAction action);

    /// <summary>
    /// Stops and undefines the pool; refused while a guest uses one of its volumes, as a disk or
    /// through a backing file. With <paramref name="deleteVolumes"/> its volumes and its directory go
    /// too.
    /// </summary>
    Task<ActionResult> DeleteStoragePool(string pool, bool deleteVolumes);

    Task<ActionResult> CreateStorageVolume(StorageVolumeCreateRequest request);

    Task<ActionResult> CloneStorageVolume(StorageVolumeCloneRequest request);

    Task<ActionResult> ResizeStorageVolume(StorageVolumeResizeRequest request);

    /// <summary>
    /// Starts a task that downloads an http(s) URL into a new volume of the pool, with progress;
    /// refused before anything is made when the URL, the name or the size (the server must say it)
    /// does not fit. A failed or interrupted download leaves no volume behind.
    /// </summary>
    Task<ProvisioningResult> DownloadStorageVolume(StorageVolumeDownloadRequest request);

    /// <summary>Refused, naming them, while guests use the volume as a disk or through a backing file.</summary>
    Task<ActionResult> DeleteStorageVolume(string pool, string name);
}
