using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebVirt.Contracts;

/// <summary>
/// Compile-time JSON metadata for everything that crosses the agent's hub: every parameter and
/// answer of <see cref="IAgentHub"/> and <see cref="IAgentClient"/> (the types they contain come
/// along), so a Native AOT agent, which has no reflection-based serializer, can read and write
/// them. The agent puts it first in its hub protocol's resolver chain; the hub's own options
/// (camelCase names) still apply. A new hub method's types must be named here:
/// AgentHubJsonTests fails for one that is not. Its own options are the web defaults, the ones
/// <see cref="FailureException"/> and the agent's creation records use.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(ActionResult))]
[JsonSerializable(typeof(AgentTaskInfo))]
[JsonSerializable(typeof(IReadOnlyList<AgentTaskInfo>))]
[JsonSerializable(typeof(CloneGuestRequest))]
[JsonSerializable(typeof(CloudTemplateInfo))]
[JsonSerializable(typeof(DeleteGuestRequest))]
[JsonSerializable(typeof(DeletePlan))]
[JsonSerializable(typeof(DhcpHostEntry))]
[JsonSerializable(typeof(IReadOnlyList<DhcpLeaseInfo>))]
[JsonSerializable(typeof(GuestAction))]
[JsonSerializable(typeof(GuestAgentReport))]
[JsonSerializable(typeof(GuestBootChange))]
[JsonSerializable(typeof(GuestCpuChange))]
[JsonSerializable(typeof(GuestDetails))]
[JsonSerializable(typeof(GuestDiskAdd))]
[JsonSerializable(typeof(GuestEvent))]
[JsonSerializable(typeof(GuestInfo))]
[JsonSerializable(typeof(IReadOnlyList<GuestInfo>))]
[JsonSerializable(typeof(GuestMemoryChange))]
[JsonSerializable(typeof(GuestNicChange))]
[JsonSerializable(typeof(GuestPreview))]
[JsonSerializable(typeof(GuestScreenshot))]
[JsonSerializable(typeof(GuestSnapshotCreate))]
[JsonSerializable(typeof(IReadOnlyList<GuestSnapshotInfo>))]
[JsonSerializable(typeof(GuestSpecDto))]
[JsonSerializable(typeof(IReadOnlyList<GuestUsageSample>))]
[JsonSerializable(typeof(GuestXml))]
[JsonSerializable(typeof(GuestXmlPreview))]
[JsonSerializable(typeof(HostDetails))]
[JsonSerializable(typeof(HostInfo))]
[JsonSerializable(typeof(HostLimitsDto))]
[JsonSerializable(typeof(HostUsageSample))]
[JsonSerializable(typeof(IncomingMigrationAnswer))]
[JsonSerializable(typeof(IncomingMigrationGrant))]
[JsonSerializable(typeof(MigrationRequest))]
[JsonSerializable(typeof(NetworkBootSettings))]
[JsonSerializable(typeof(IReadOnlyList<NetworkDto>))]
[JsonSerializable(typeof(IReadOnlyList<OsVariantDto>))]
[JsonSerializable(typeof(ProvisioningResult))]
[JsonSerializable(typeof(StoragePoolAction))]
[JsonSerializable(typeof(StoragePoolCreateRequest))]
[JsonSerializable(typeof(IReadOnlyList<StoragePoolDto>))]
[JsonSerializable(typeof(IReadOnlyList<StoragePoolSummary>))]
[JsonSerializable(typeof(StorageVolumeCloneRequest))]
[JsonSerializable(typeof(StorageVolumeCreateRequest))]
[JsonSerializable(typeof(StorageVolumeDownloadRequest))]
[JsonSerializable(typeof(IReadOnlyList<StorageVolumeDto>))]
[JsonSerializable(typeof(StorageVolumeResizeRequest))]
[JsonSerializable(typeof(IReadOnlyList<StorageVolumeSummary>))]
[JsonSerializable(typeof(VirtualNetworkAction))]
[JsonSerializable(typeof(VirtualNetworkCreateRequest))]
[JsonSerializable(typeof(IReadOnlyList<VirtualNetworkSummary>))]
public sealed partial class AgentHubJson : JsonSerializerContext;
