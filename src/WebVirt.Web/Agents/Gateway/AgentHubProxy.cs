using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// The agent's hub contract over one SignalR connection, bound to one call's cancellation token.
/// The only place in the web that names hub methods: everything else calls <see cref="IAgentHub"/>
/// (through the gateway), so a renamed or re-typed hub method breaks the build, not a page at run time.
/// </summary>
internal sealed class AgentHubProxy(HubConnection hub, CancellationToken cancellationToken) : IAgentHub
{
    /// <summary>Routes the agent's pushes to <paramref name="client"/>, by the names of <see cref="IAgentClient"/>.</summary>
    public static void Listen(HubConnection hub, IAgentClient client)
    {
        hub.On<GuestInfo>(nameof(IAgentClient.GuestChanged), client.GuestChanged);
        hub.On<string, string>(nameof(IAgentClient.GuestRemoved), client.GuestRemoved);
        hub.On<GuestEvent>(nameof(IAgentClient.GuestEventOccurred), client.GuestEventOccurred);
        hub.On<HostInfo>(nameof(IAgentClient.HostChanged), client.HostChanged);
        hub.On<AgentTaskInfo>(nameof(IAgentClient.TaskChanged), client.TaskChanged);
        hub.On<string, HostUsageSample, IReadOnlyList<GuestUsageSample>>(nameof(IAgentClient.UsageSampled), client.UsageSampled);
    }

    public Task<ActionResult> SetGuestCpus(string uuid, GuestCpuChange change) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestCpus), uuid, change, cancellationToken);

    public Task<ActionResult> SetGuestMemory(string uuid, GuestMemoryChange change) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestMemory), uuid, change, cancellationToken);

    public Task<ActionResult> AddGuestDisk(string uuid, GuestDiskAdd disk) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.AddGuestDisk), uuid, disk, cancellationToken);

    public Task<ActionResult> RemoveGuestDisk(string uuid, string target, bool deleteVolume) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestDisk), uuid, target, deleteVolume, cancellationToken);

    public Task<ActionResult> ResizeGuestDisk(string uuid, string target, long newSizeBytes) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ResizeGuestDisk), uuid, target, newSizeBytes, cancellationToken);

    public Task<ActionResult> ChangeGuestMedia(string uuid, string target, string? pool, string? volume) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ChangeGuestMedia), uuid, target, pool, volume, cancellationToken);

    public Task<ActionResult> ChangeGuestDiskSettings(string uuid, string target, string? bus, string? cache) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ChangeGuestDiskSettings), uuid, target, bus, cache, cancellationToken);

    public Task<ActionResult> AddGuestNic(string uuid, GuestNicChange nic) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.AddGuestNic), uuid, nic, cancellationToken);

    public Task<ActionResult> RemoveGuestNic(string uuid, string mac) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestNic), uuid, mac, cancellationToken);

    public Task<ActionResult> UpdateGuestNic(string uuid, string mac, GuestNicChange nic) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.UpdateGuestNic), uuid, mac, nic, cancellationToken);

    public Task<ActionResult> SetGuestNicLink(string uuid, string mac, bool up) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestNicLink), uuid, mac, up, cancellationToken);

    public Task<ActionResult> SetGuestBootOrder(string uuid, GuestBootChange boot) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestBootOrder), uuid, boot, cancellationToken);

    public Task<ActionResult> SetGuestTpm(string uuid, bool enabled) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestTpm), uuid, enabled, cancellationToken);

    public Task<ActionResult> SetGuestSecureBoot(string uuid, bool enabled) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetGuestSecureBoot), uuid, enabled, cancellationToken);

    public Task<GuestDetails?> GetGuestDetails(string uuid) =>
        hub.InvokeAsync<GuestDetails?>(nameof(IAgentHub.GetGuestDetails), uuid, cancellationToken);

    public Task<GuestXml?> GetGuestXml(string uuid) =>
        hub.InvokeAsync<GuestXml?>(nameof(IAgentHub.GetGuestXml), uuid, cancellationToken);

    public Task<GuestAgentReport?> GetGuestAgentInfo(string uuid) =>
        hub.InvokeAsync<GuestAgentReport?>(nameof(IAgentHub.GetGuestAgentInfo), uuid, cancellationToken);

    public Task<GuestXmlPreview> PreviewGuestXml(string uuid, string xml) =>
        hub.InvokeAsync<GuestXmlPreview>(nameof(IAgentHub.PreviewGuestXml), uuid, xml, cancellationToken);

    public Task<ActionResult> SaveGuestXml(string uuid, string xml) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SaveGuestXml), uuid, xml, cancellationToken);

    public Task<HostDetails> GetHostDetails() =>
        hub.InvokeAsync<HostDetails>(nameof(IAgentHub.GetHostDetails), cancellationToken);

    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworks() =>
        hub.InvokeAsync<IReadOnlyList<VirtualNetworkSummary>>(nameof(IAgentHub.GetNetworks), cancellationToken);

    public Task<ActionResult> CreateNetwork(VirtualNetworkCreateRequest request) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateNetwork), request, cancellationToken);

    public Task<ActionResult> ActOnNetwork(string network, VirtualNetworkAction action) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ActOnNetwork), network, action, cancellationToken);

    public Task<ActionResult> DeleteNetwork(string network) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteNetwork), network, cancellationToken);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetDhcpLeases(string network) =>
        hub.InvokeAsync<IReadOnlyList<DhcpLeaseInfo>>(nameof(IAgentHub.GetDhcpLeases), network, cancellationToken);

    public Task<ActionResult> AddDhcpHost(string network, DhcpHostEntry host) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.AddDhcpHost), network, host, cancellationToken);

    public Task<ActionResult> RemoveDhcpHost(string network, string mac) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveDhcpHost), network, mac, cancellationToken);

    public Task<ActionResult> SetNetworkBoot(string network, NetworkBootSettings boot) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetNetworkBoot), network, boot, cancellationToken);

    public Task<ProvisioningResult> CreateGuest(GuestSpecDto spec) =>
        hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec, cancellationToken);

    public Task<GuestPreview> PreviewGuest(GuestSpecDto spec) =>
        hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), spec, cancellationToken);

    public Task<ProvisioningResult> CloneGuest(CloneGuestRequest request) =>
        hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CloneGuest), request, cancellationToken);

    public Task<CloudTemplateInfo> GetCloudTemplateInfo(string uuid) =>
        hub.InvokeAsync<CloudTemplateInfo>(nameof(IAgentHub.GetCloudTemplateInfo), uuid, cancellationToken);

    public Task<DeletePlan> GetDeletePlan(string uuid) =>
        hub.InvokeAsync<DeletePlan>(nameof(IAgentHub.GetDeletePlan), uuid, cancellationToken);

    public Task<ProvisioningResult> DeleteGuest(DeleteGuestRequest request) =>
        hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DeleteGuest), request, cancellationToken);

    public Task<ActionResult> SetTemplate(string uuid, bool isTemplate, string requestedBy) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetTemplate), uuid, isTemplate, requestedBy, cancellationToken);

    public Task<ActionResult> RemoveCloudSeed(string uuid, string requestedBy) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveCloudSeed), uuid, requestedBy, cancellationToken);

    public Task<IReadOnlyList<OsVariantDto>> SearchOsVariants(string? text, int limit) =>
        hub.InvokeAsync<IReadOnlyList<OsVariantDto>>(nameof(IAgentHub.SearchOsVariants), text, limit, cancellationToken);

    public Task<HostLimitsDto> GetHostLimits() =>
        hub.InvokeAsync<HostLimitsDto>(nameof(IAgentHub.GetHostLimits), cancellationToken);

    public Task<IReadOnlyList<StoragePoolDto>> ListPoolsForWizard() =>
        hub.InvokeAsync<IReadOnlyList<StoragePoolDto>>(nameof(IAgentHub.ListPoolsForWizard), cancellationToken);

    public Task<IReadOnlyList<StorageVolumeDto>> ListVolumesForWizard(string pool) =>
        hub.InvokeAsync<IReadOnlyList<StorageVolumeDto>>(nameof(IAgentHub.ListVolumesForWizard), pool, cancellationToken);

    public Task<IReadOnlyList<NetworkDto>> ListNetworksForWizard() =>
        hub.InvokeAsync<IReadOnlyList<NetworkDto>>(nameof(IAgentHub.ListNetworksForWizard), cancellationToken);

    public Task<IReadOnlyList<AgentTaskInfo>> GetTasks() =>
        hub.InvokeAsync<IReadOnlyList<AgentTaskInfo>>(nameof(IAgentHub.GetTasks), cancellationToken);

    public Task<ActionResult> CleanUpTask(string taskId) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CleanUpTask), taskId, cancellationToken);

    public Task<ActionResult> RequestTaskCancel(string taskId) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RequestTaskCancel), taskId, cancellationToken);

    public Task<GuestScreenshot> GetScreenshot(string uuid) =>
        hub.InvokeAsync<GuestScreenshot>(nameof(IAgentHub.GetScreenshot), uuid, cancellationToken);

    public Task<IReadOnlyList<GuestSnapshotInfo>> GetGuestSnapshots(string uuid) =>
        hub.InvokeAsync<IReadOnlyList<GuestSnapshotInfo>>(nameof(IAgentHub.GetGuestSnapshots), uuid, cancellationToken);

    public Task<ActionResult> CreateGuestSnapshot(string uuid, GuestSnapshotCreate snapshot) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateGuestSnapshot), uuid, snapshot, cancellationToken);

    public Task<ActionResult> RevertGuestSnapshot(string uuid, string name) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RevertGuestSnapshot), uuid, name, cancellationToken);

    public Task<ActionResult> DeleteGuestSnapshot(string uuid, string name) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteGuestSnapshot), uuid, name, cancellationToken);

    public Task<IReadOnlyList<StoragePoolSummary>> GetStoragePools() =>
        hub.InvokeAsync<IReadOnlyList<StoragePoolSummary>>(nameof(IAgentHub.GetStoragePools), cancellationToken);

    public Task<IReadOnlyList<StorageVolumeSummary>> GetStorageVolumes(string pool) =>
        hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), pool, cancellationToken);

    public Task<ActionResult> CreateStoragePool(StoragePoolCreateRequest request) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateStoragePool), request, cancellationToken);

    public Task<ActionResult> ActOnStoragePool(string pool, StoragePoolAction action) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ActOnStoragePool), pool, action, cancellationToken);

    public Task<ActionResult> DeleteStoragePool(string pool, bool deleteVolumes) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStoragePool), pool, deleteVolumes, cancellationToken);

    public Task<ActionResult> CreateStorageVolume(StorageVolumeCreateRequest request) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CreateStorageVolume), request, cancellationToken);

    public Task<ActionResult> CloneStorageVolume(StorageVolumeCloneRequest request) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.CloneStorageVolume), request, cancellationToken);

    public Task<ActionResult> ResizeStorageVolume(StorageVolumeResizeRequest request) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.ResizeStorageVolume), request, cancellationToken);

    public Task<ProvisioningResult> DownloadStorageVolume(StorageVolumeDownloadRequest request) =>
        hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.DownloadStorageVolume), request, cancellationToken);

    public Task<ActionResult> DeleteStorageVolume(string pool, string name) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStorageVolume), pool, name, cancellationToken);

    public Task<HostInfo> GetHost() =>
        hub.InvokeAsync<HostInfo>(nameof(IAgentHub.GetHost), cancellationToken);

    public Task<IReadOnlyList<GuestInfo>> GetGuests() =>
        hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests), cancellationToken);

    public Task<ActionResult> Act(string uuid, GuestAction action) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), uuid, action, cancellationToken);

    public Task<ActionResult> SetUseEmulation(bool useEmulation) =>
        hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetUseEmulation), useEmulation, cancellationToken);

    public Task<IncomingMigrationAnswer> AllowIncomingMigration(IncomingMigrationGrant grant) =>
        hub.InvokeAsync<IncomingMigrationAnswer>(nameof(IAgentHub.AllowIncomingMigration), grant, cancellationToken);

    public Task<ProvisioningResult> MigrateGuest(MigrationRequest request) =>
        hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.MigrateGuest), request, cancellationToken);
}
