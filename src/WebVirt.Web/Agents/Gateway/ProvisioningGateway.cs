using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class ProvisioningGateway(AgentCallPipeline pipeline) : IProvisioningGateway
{
    public const string AuditCreate = "create-guest";
    public const string AuditClone = "clone-guest";
    public const string AuditDelete = "delete-guest";
    public const string AuditTemplate = "set-template";
    public const string AuditCleanUp = "clean-up-task";
    public const string AuditCancel = "cancel-task";
    public const string AuditRemoveCloudSeed = "remove-cloud-seed";

    public Task<HostLimitsDto> GetHostLimitsAsync(string hostId, CancellationToken cancellationToken = default) =>
        Read(hostId, call => call.Hub.GetHostLimits(), cancellationToken);

    public Task<IReadOnlyList<StoragePoolDto>> ListPoolsAsync(string hostId, CancellationToken cancellationToken = default) =>
        Read(hostId, call => call.Hub.ListPoolsForWizard(), cancellationToken);

    public Task<IReadOnlyList<StorageVolumeDto>> ListVolumesAsync(string hostId, string pool, CancellationToken cancellationToken = default) =>
        Read(hostId, call => call.Hub.ListVolumesForWizard(pool), cancellationToken);

    public Task<IReadOnlyList<NetworkDto>> ListNetworksAsync(string hostId, CancellationToken cancellationToken = default) =>
        Read(hostId, call => call.Hub.ListNetworksForWizard(), cancellationToken);

    public Task<IReadOnlyList<OsVariantDto>> SearchOsVariantsAsync(string hostId, string? text, int limit, CancellationToken cancellationToken = default) =>
        Read(hostId, call => call.Hub.SearchOsVariants(text, limit), cancellationToken);

    public Task<GuestPreview> PreviewAsync(string hostId, GuestSpecDto spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return Read(hostId, call => call.Hub.PreviewGuest(spec with { RequestedBy = call.UserName }), cancellationToken);
    }

    public Task<ProvisioningResult> CreateAsync(string hostId, GuestSpecDto spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return pipeline.StartAsync(new AgentChange(hostId, Permission.CreateGuest, AuditCreate, "", GuestName: spec.Name),
            call => call.Hub.CreateGuest(spec with { RequestedBy = call.UserName }), cancellationToken);
    }

    public Task<ProvisioningResult> CloneAsync(GuestInfo source, string newName, bool startAfterClone, bool linked = false, CancellationToken cancellationToken = default) =>
        CloneAsync(source, new CloneGuestRequest("", newName, startAfterClone, "", linked), cancellationToken);

    public Task<ProvisioningResult> CloneAsync(GuestInfo source, CloneGuestRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        string detail = $"as {request.NewName}{(request.Linked ? " (linked)" : "")}{(request.DiskSizeGiB is long size ? $" {size} GiB" : "")}";
        return pipeline.StartAsync(AgentChange.ForGuest(source, Permission.CloneGuest, AuditClone, detail),
            call => call.Hub.CloneGuest(request with { SourceUuid = source.Uuid, RequestedBy = call.UserName }), cancellationToken);
    }

    public async Task<CloudTemplateInfo> GetCloudTemplateInfoAsync(GuestInfo guest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        try
        {
            return await pipeline.ReadAsync(guest.HostId, Permission.CloneGuest, call => call.Hub.GetCloudTemplateInfo(guest.Uuid), cancellationToken);
        }
        catch (AgentCallException ex)
        {
            // The dialog still clones without cloud-init questions, and says why they are missing.
            return CloudTemplateInfo.None with { Error = ex.Failure.Error };
        }
    }

    public async Task<DeletePlan> GetDeletePlanAsync(GuestInfo guest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        try
        {
            return await pipeline.ReadAsync(RightsTarget.Guest(guest.HostId, guest.Uuid), Permission.DeleteGuest, call => call.Hub.GetDeletePlan(guest.Uuid), cancellationToken);
        }
        catch (AgentCallException ex)
        {
            // The dialog shows a plan it cannot carry out with the reason, rather than an error page.
            return new DeletePlan(guest.Uuid, guest.Name, false, [], ex.Failure.Error);
        }
    }

    public Task<ProvisioningResult> DeleteAsync(GuestInfo guest, string confirmName, bool deleteDisks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return pipeline.StartAsync(AgentChange.ForGuest(guest, Permission.DeleteGuest, AuditDelete, $"{(deleteDisks ? "with" : "without")} disks"),
            call => call.Hub.DeleteGuest(new DeleteGuestRequest(guest.Uuid, confirmName, deleteDisks, call.UserName)), cancellationToken);
    }

    public Task<ActionResult> SetTemplateAsync(GuestInfo guest, bool isTemplate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.ManageTemplates, AuditTemplate, isTemplate ? "mark" : "unmark"),
            call => call.Hub.SetTemplate(guest.Uuid, isTemplate, call.UserName), cancellationToken);
    }

    public Task<ActionResult> RemoveCloudSeedAsync(GuestInfo guest, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.EditGuest, AuditRemoveCloudSeed, ""),
            call => call.Hub.RemoveCloudSeed(guest.Uuid, call.UserName), cancellationToken);
    }

    public Task<ActionResult> CleanUpTaskAsync(string hostId, string taskId, CancellationToken cancellationToken = default) =>
        pipeline.ChangeAsync(new AgentChange(hostId, Permission.CreateGuest, AuditCleanUp, taskId),
            call => call.Hub.CleanUpTask(taskId), cancellationToken);

    public Task<ActionResult> CancelTaskAsync(AgentTaskInfo task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        return pipeline.ChangeAsync(new AgentChange(task.HostId, TaskPermissions.ToStart(task.Kind), AuditCancel, $"{task.Kind} {task.Target} ({task.TaskId})"),
            call => call.Hub.RequestTaskCancel(task.TaskId), cancellationToken);
    }

    private Task<T> Read<T>(string hostId, Func<AgentCall, Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.ReadAsync(hostId, Permission.CreateGuest, call, cancellationToken);
}
