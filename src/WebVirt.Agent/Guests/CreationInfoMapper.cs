using System.Text.Json;
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
    // The provisioning feature serializes its requests with the web defaults.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static GuestCreationInfo From(LocalCreationRecord record)
    {
        if (record.Kind == SourceKinds.Clone)
        {
            CloneGuestRequest? clone = TryRead<CloneGuestRequest>(record.SpecJson);
            return new GuestCreationInfo(SourceKinds.Clone, clone?.SourceUuid, null, record.CreatedBy, record.CreatedAt);
        }

        GuestSpecDto? spec = TryRead<GuestSpecDto>(record.SpecJson);
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

    private static T? TryRead<T>(string json)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
