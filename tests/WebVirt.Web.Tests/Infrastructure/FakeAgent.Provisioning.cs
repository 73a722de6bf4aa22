using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>What the fake agent answers to the creation wizard, and what it was asked.</summary>
public sealed class FakeProvisioningState
{
    public ConcurrentQueue<GuestSpecDto> Created { get; } = new();

    public ConcurrentQueue<GuestSpecDto> Previewed { get; } = new();

    public ConcurrentQueue<CloneGuestRequest> Cloned { get; } = new();

    /// <summary>Problems CloneGuest answers with; empty: accepted.</summary>
    public IReadOnlyList<ProblemDto> CloneProblems { get; set; } = [];

    /// <summary>GetCloudTemplateInfo's answers by guest UUID; others have no cloud-init defaults.</summary>
    public ConcurrentDictionary<string, CloudTemplateInfo> CloudTemplates { get; } = new(StringComparer.Ordinal);

    /// <summary>When set, GetCloudTemplateInfo answers only once it completes (an agent slow to answer).</summary>
    public TaskCompletionSource? CloudTemplateAnswer { get; set; }

    /// <summary>Problems CreateGuest and PreviewGuest answer with; empty: accepted.</summary>
    public IReadOnlyList<ProblemDto> Problems { get; set; } = [];

    public string PreviewXml { get; set; } = "<domain type='qemu'><name>fake</name></domain>";

    /// <summary>The card model PreviewGuest says the guest gets (the agent applies GuestDeviceModels); null: none said.</summary>
    public Func<GuestSpecDto, string?> PreviewNicModel { get; set; } = _ => null;

    /// <summary>Run once by GetTasks after it has taken its list and before it answers (a push racing the read).</summary>
    public Func<Task>? BeforeTasksAnswer { get; set; }

    /// <summary>When set, the next GetTasks drops the console's connection instead of answering, as an agent killed while it is read.</summary>
    public bool TasksReadCutsOff { get; set; }

    public HostLimitsDto Limits { get; set; } = new(4, 8192, false, false, true, [], ["q35", "pc"], ["host-passthrough", "host-model", "maximum", "custom"]);

    public IReadOnlyList<StoragePoolDto> Pools { get; set; } = [];

    public Dictionary<string, IReadOnlyList<StorageVolumeDto>> Volumes { get; } = new(StringComparer.Ordinal);

    /// <summary>Pools whose volumes libvirt no longer finds, as after another user removed them.</summary>
    public ConcurrentDictionary<string, bool> RemovedPools { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<NetworkDto> Networks { get; set; } = [];

    public IReadOnlyList<OsVariantDto> OsVariants { get; set; } = [];

    public ConcurrentDictionary<string, AgentTaskInfo> Tasks { get; } = new(StringComparer.Ordinal);
}

public sealed partial class FakeAgentState
{
    public FakeProvisioningState Provisioning { get; } = new();
}

public sealed partial class FakeAgentHub
{
    private FakeProvisioningState Provisioning => state.Provisioning;

    public Task<ProvisioningResult> CreateGuest(GuestSpecDto spec)
    {
        if (Provisioning.Problems.Count > 0)
        {
            return Task.FromResult(ProvisioningResult.Refused(Provisioning.Problems));
        }

        Provisioning.Created.Enqueue(spec);
        return Task.FromResult(ProvisioningResult.Started($"task-{Provisioning.Created.Count}"));
    }

    public Task<GuestPreview> PreviewGuest(GuestSpecDto spec)
    {
        Provisioning.Previewed.Enqueue(spec);
        return Task.FromResult(Provisioning.Problems.Count > 0
            ? new GuestPreview(null, Provisioning.Problems, [], NicModel: Provisioning.PreviewNicModel(spec))
            : new GuestPreview(Provisioning.PreviewXml, [], [], NicModel: Provisioning.PreviewNicModel(spec)));
    }

    public Task<ProvisioningResult> CloneGuest(CloneGuestRequest request)
    {
        Provisioning.Cloned.Enqueue(request);
        return Task.FromResult(Provisioning.CloneProblems.Count > 0 ? ProvisioningResult.Refused(Provisioning.CloneProblems) : ProvisioningResult.Started("clone-task"));
    }

    public async Task<CloudTemplateInfo> GetCloudTemplateInfo(string uuid)
    {
        if (Provisioning.CloudTemplateAnswer is { } answer)
        {
            await answer.Task;
        }

        return Provisioning.CloudTemplates.TryGetValue(uuid, out var info) ? info : CloudTemplateInfo.None;
    }

    public Task<DeletePlan> GetDeletePlan(string uuid) =>
        Task.FromResult(new DeletePlan(uuid, state.Guests.TryGetValue(uuid, out var guest) ? guest.Name : "", false, []));

    public Task<ProvisioningResult> DeleteGuest(DeleteGuestRequest request) => Task.FromResult(ProvisioningResult.Started("delete-task"));

    public Task<ActionResult> SetTemplate(string uuid, bool isTemplate, string requestedBy) => Task.FromResult(ActionResult.Success);

    public Task<ActionResult> RemoveCloudSeed(string uuid, string requestedBy) => Task.FromResult(ActionResult.Fail(ErrorCodes.CloudSeedNone, uuid));

    public Task<IReadOnlyList<OsVariantDto>> SearchOsVariants(string? text, int limit) =>
        Task.FromResult<IReadOnlyList<OsVariantDto>>([.. Provisioning.OsVariants.Where(o => text is null || o.Name.Contains(text, StringComparison.OrdinalIgnoreCase)).Take(limit)]);

    public Task<HostLimitsDto> GetHostLimits() => Task.FromResult(Provisioning.Limits);

    public Task<IReadOnlyList<StoragePoolDto>> ListPoolsForWizard() => Task.FromResult(Provisioning.Pools);

    public Task<IReadOnlyList<StorageVolumeDto>> ListVolumesForWizard(string pool) => Provisioning.RemovedPools.ContainsKey(pool)
        ? throw new HubException(new FailureException(ActionResult.Fail("VIR_ERR_NO_STORAGE_POOL", $"Storage pool not found: no storage pool with matching name '{pool}'")).ToHubMessage())
        : Task.FromResult(Provisioning.Volumes.TryGetValue(pool, out var volumes) ? volumes : (IReadOnlyList<StorageVolumeDto>)[]);

    public Task<IReadOnlyList<NetworkDto>> ListNetworksForWizard() => Task.FromResult(Provisioning.Networks);

    public async Task<IReadOnlyList<AgentTaskInfo>> GetTasks()
    {
        IReadOnlyList<AgentTaskInfo> tasks = [.. Provisioning.Tasks.Values];
        if (Provisioning.TasksReadCutsOff)
        {
            Provisioning.TasksReadCutsOff = false;
            await CutOffAsync();
        }

        if (Provisioning.BeforeTasksAnswer is { } hook)
        {
            Provisioning.BeforeTasksAnswer = null;
            await hook();
        }

        return tasks;
    }

    /// <summary>As the agent: everything the task left is removed, and the task is pushed again.</summary>
    public async Task<ActionResult> CleanUpTask(string taskId)
    {
        if (!Provisioning.Tasks.TryGetValue(taskId, out var task))
        {
            return ActionResult.Fail(ErrorCodes.TaskMissing, taskId);
        }

        var cleaned = task with { Leftovers = [], Error = TaskText.Of(ErrorCodes.TaskInterruptedCleaned, TaskArguments.Leftovers(task.Leftovers ?? []), TaskArguments.Leftovers([])) };
        Provisioning.Tasks[taskId] = cleaned;
        await Clients.All.TaskChanged(cleaned);
        return ActionResult.Success;
    }
}
