using WebVirt.Agent.Provisioning;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

internal sealed partial class AgentHub
{
    public Task<ProvisioningResult> CreateGuest(GuestSpecDto spec) => Feature<ProvisioningService>().CreateAsync(spec, Context.ConnectionAborted);

    public Task<GuestPreview> PreviewGuest(GuestSpecDto spec) => Feature<ProvisioningService>().PreviewAsync(spec, Context.ConnectionAborted);

    public Task<ProvisioningResult> CloneGuest(CloneGuestRequest request) => Feature<ProvisioningService>().CloneAsync(request, Context.ConnectionAborted);

    public Task<DeletePlan> GetDeletePlan(string uuid) => Feature<ProvisioningService>().GetDeletePlanAsync(uuid, Context.ConnectionAborted);

    public Task<CloudTemplateInfo> GetCloudTemplateInfo(string uuid) => Feature<ProvisioningService>().GetCloudTemplateInfoAsync(uuid, Context.ConnectionAborted);

    public Task<ProvisioningResult> DeleteGuest(DeleteGuestRequest request) => Feature<ProvisioningService>().DeleteAsync(request, Context.ConnectionAborted);

    public Task<ActionResult> SetTemplate(string uuid, bool isTemplate, string requestedBy) =>
        Feature<ProvisioningService>().SetTemplateAsync(uuid, isTemplate, Context.ConnectionAborted);

    public Task<ActionResult> RemoveCloudSeed(string uuid, string requestedBy) =>
        Feature<CloudSeedRemover>().RemoveNowAsync(uuid, Context.ConnectionAborted);

    public Task<IReadOnlyList<OsVariantDto>> SearchOsVariants(string? text, int limit) =>
        Task.FromResult(Feature<ProvisioningService>().SearchOsVariants(text, limit));

    public Task<HostLimitsDto> GetHostLimits() => Feature<ProvisioningService>().GetHostLimitsAsync(Context.ConnectionAborted);

    public Task<IReadOnlyList<StoragePoolDto>> ListPoolsForWizard() =>
        Feature<WebVirt.Agent.Session.LibvirtSession>().RunAsync(HostLimitsReader.ListPools, Context.ConnectionAborted);

    public Task<IReadOnlyList<StorageVolumeDto>> ListVolumesForWizard(string pool) =>
        Feature<WebVirt.Agent.Session.LibvirtSession>().RunAsync(c => HostLimitsReader.ListVolumes(c, pool), Context.ConnectionAborted);

    public Task<IReadOnlyList<NetworkDto>> ListNetworksForWizard() =>
        Feature<WebVirt.Agent.Session.LibvirtSession>().RunAsync(HostLimitsReader.ListNetworks, Context.ConnectionAborted);

    public Task<IReadOnlyList<AgentTaskInfo>> GetTasks() => Feature<TaskTracker>().ListAsync(Context.ConnectionAborted);

    public Task<ActionResult> RequestTaskCancel(string taskId) =>
        Task.FromResult(Feature<TaskTracker>().Cancel(taskId) ? ActionResult.Success : ActionResult.Fail(ErrorCodes.TaskNotCancellable, taskId));

    public async Task<ActionResult> CleanUpTask(string taskId)
    {
        var task = await Feature<InterruptedTaskRecovery>().CleanUpAsync(taskId, Context.ConnectionAborted);
        return task switch
        {
            null => ActionResult.Fail(ErrorCodes.TaskMissing, taskId),
            { Leftovers.Count: > 0 } => ActionResult.Fail(ErrorCodes.TaskCleanupIncomplete, taskId),
            _ => ActionResult.Success,
        };
    }
}
