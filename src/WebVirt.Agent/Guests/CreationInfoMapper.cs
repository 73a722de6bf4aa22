using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WebVirt.Agent.LocalState;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;

namespace WebVirt.Agent.Guests;

/// <summary>
/// The page's "how was this guest made" from the creation record the provisioning feature stored
/// (its request as JSON), or from the WebVirt metadata in the guest's XML when the state file has none.
/// </summary>
internal static class CreationInfoMapper
{
    public static GuestCreationInfo From(LocalCreationRecord record)
    {
        if (record.Kind == SourceKinds.Clone)
        {
            CloneGuestRequest? clone = TryRead(record.SpecJson, AgentHubJson.Default.CloneGuestRequest);
            return new GuestCreationInfo(SourceKinds.Clone, clone?.SourceUuid, null, record.CreatedBy, record.CreatedAt);
        }

        GuestSpecDto? spec = TryRead(record.SpecJson, AgentHubJson.Default.GuestSpecDto);
        if (spec is null)
        {
            return new GuestCreationInfo(record.Kind, null, null, record.CreatedBy, record.CreatedAt);
        }

        (string kind, string? source) = spec.Source switch
        {
            GuestSourceKind.IsoVolume => ("iso", spec.SourcePath),
            GuestSourceKind.NetworkInstall => ("url", spec.InstallUrl),
            GuestSourceKind.ImportDisk => ("import", spec.SourcePath ?? spec.DiskPath),
            GuestSourceKind.Pxe => ("pxe", (string?)null),
            _ => (record.Kind, null),
        };
        return new GuestCreationInfo(kind, source, string.IsNullOrWhiteSpace(spec.OsVariant) ? null : spec.OsVariant, record.CreatedBy, record.CreatedAt);
    }

    public static GuestCreationInfo From(WebVirtMetadata metadata) =>
        new(
            metadata.SourceKind switch
            {
                SourceKinds.NetworkInstall => "url",
                SourceKinds.Template => SourceKinds.Clone,
                _ => metadata.SourceKind,
            },
            metadata.ClonedFrom,
            metadata.OsVariant,
            metadata.CreatedBy ?? "unknown",
            metadata.CreatedAt);

    // The provisioning feature serializes its requests with the same (web default) metadata.
    private static T? TryRead<T>(string json, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
