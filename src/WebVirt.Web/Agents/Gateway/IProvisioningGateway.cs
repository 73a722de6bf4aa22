using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>Creating, cloning, deleting and templating guests, the wizard's pickers and task clean-up: <c>IAgentHub.Provisioning</c>.</summary>
public interface IProvisioningGateway
{
    Task<HostLimitsDto> GetHostLimitsAsync(string hostId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StoragePoolDto>> ListPoolsAsync(string hostId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StorageVolumeDto>> ListVolumesAsync(string hostId, string pool, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<NetworkDto>> ListNetworksAsync(string hostId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OsVariantDto>> SearchOsVariantsAsync(string hostId, string? text, int limit, CancellationToken cancellationToken = default);

    /// <summary>What a create would do, without doing it.</summary>
    Task<GuestPreview> PreviewAsync(string hostId, GuestSpecDto spec, CancellationToken cancellationToken = default);

    Task<ProvisioningResult> CreateAsync(string hostId, GuestSpecDto spec, CancellationToken cancellationToken = default);

    Task<ProvisioningResult> CloneAsync(GuestInfo source, string newName, bool startAfterClone, bool linked = false, CancellationToken cancellationToken = default);

    /// <summary>A clone with every option of <paramref name="request"/> (a cloud template's host name, keys and disk size); its source and user are the call's.</summary>
    Task<ProvisioningResult> CloneAsync(GuestInfo source, CloneGuestRequest request, CancellationToken cancellationToken = default);

    /// <summary>The guest's cloud-init defaults, for asking a clone's name, size and keys; same permission as cloning.</summary>
    Task<CloudTemplateInfo> GetCloudTemplateInfoAsync(GuestInfo guest, CancellationToken cancellationToken = default);

    /// <summary>What deleting the guest would remove; a refusal or an unreachable agent comes back in the plan's error.</summary>
    Task<DeletePlan> GetDeletePlanAsync(GuestInfo guest, CancellationToken cancellationToken = default);

    Task<ProvisioningResult> DeleteAsync(GuestInfo guest, string confirmName, bool deleteDisks, CancellationToken cancellationToken = default);

    Task<ActionResult> SetTemplateAsync(GuestInfo guest, bool isTemplate, CancellationToken cancellationToken = default);

    /// <summary>Removes a cloud guest's cloud-init seed now (audited as a guest edit).</summary>
    Task<ActionResult> RemoveCloudSeedAsync(GuestInfo guest, CancellationToken cancellationToken = default);

    /// <summary>Asks the host's agent to remove again what a finished task left behind.</summary>
    Task<ActionResult> CleanUpTaskAsync(string hostId, string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the task's agent to stop a cancellable running task; takes the right that starts a task of
    /// its kind (<see cref="Security.TaskPermissions"/>), and the agent refuses a task it cannot stop.
    /// </summary>
    Task<ActionResult> CancelTaskAsync(AgentTaskInfo task, CancellationToken cancellationToken = default);
}
