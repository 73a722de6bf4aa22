namespace WebVirt.Contracts;

/// <summary>Creating, cloning and deleting guests, and the read-only lists the creation wizard picks from.</summary>
public partial interface IAgentHub
{
    /// <summary>Validates against the live host; on problems returns them and creates nothing, else starts a create task.</summary>
    Task<ProvisioningResult> CreateGuest(GuestSpecDto spec);

    /// <summary>The same validation and XML builder as <see cref="CreateGuest"/>, creating nothing.</summary>
    Task<GuestPreview> PreviewGuest(GuestSpecDto spec);

    Task<ProvisioningResult> CloneGuest(CloneGuestRequest request);

    Task<DeletePlan> GetDeletePlan(string uuid);

    /// <summary>The guest's cloud-init defaults (user, keys, first disk's size), for cloning it with a new seed.</summary>
    Task<CloudTemplateInfo> GetCloudTemplateInfo(string uuid);

    Task<ProvisioningResult> DeleteGuest(DeleteGuestRequest request);

    /// <summary>Marks or unmarks a guest as template (in its metadata); a template cannot be started.</summary>
    Task<ActionResult> SetTemplate(string uuid, bool isTemplate, string requestedBy);

    /// <summary>Detaches a cloud guest's cloud-init seed (ejecting it from a running guest) and deletes its volume, before the agent would.</summary>
    Task<ActionResult> RemoveCloudSeed(string uuid, string requestedBy);

    Task<IReadOnlyList<OsVariantDto>> SearchOsVariants(string? text, int limit);

    Task<HostLimitsDto> GetHostLimits();

    Task<IReadOnlyList<StoragePoolDto>> ListPoolsForWizard();

    Task<IReadOnlyList<StorageVolumeDto>> ListVolumesForWizard(string pool);

    Task<IReadOnlyList<NetworkDto>> ListNetworksForWizard();

    /// <summary>The tasks of this host, newest first (running ones and the latest finished).</summary>
    Task<IReadOnlyList<AgentTaskInfo>> GetTasks();

    /// <summary>Tries again to remove what a finished task left (its <see cref="AgentTaskInfo.Leftovers"/>); the outcome is pushed with the task.</summary>
    Task<ActionResult> CleanUpTask(string taskId);

    /// <summary>
    /// Asks a running task that can stop midway (<see cref="AgentTaskInfo.Cancellable"/>, a download) to stop;
    /// it rolls back what it made and ends failed, saying it was cancelled. Refused for any other task.
    /// </summary>
    Task<ActionResult> RequestTaskCancel(string taskId);
}
