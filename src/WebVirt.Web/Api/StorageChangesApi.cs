using Microsoft.AspNetCore.Http.HttpResults;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;

namespace WebVirt.Web.Api;

/// <summary>
/// Changes to a host's storage pools and volumes, through the same gateway calls as the Storage
/// page: create, start, stop, refresh, autostart and delete a pool; create, clone, resize and delete a volume.
/// </summary>
public static class StorageChangesApi
{
    private const string PoolsPath = "/hosts/{hostId}/storage-pools";
    private const string PoolPath = PoolsPath + "/{pool}";
    private const string VolumePath = PoolPath + "/volumes/{volume}";

    public static RouteGroupBuilder MapStorageChangesApi(this RouteGroupBuilder api)
    {
        ApiHostChange.Describe(api.MapPost(PoolsPath, CreatePoolAsync).WithName("StoragePoolCreate")
            .WithSummary("Defines a pool (kind Directory, FileSystem, NetworkFileSystem or Logical) and, unless told not to, starts it and sets it to start with the host."))
            .AcceptsJson<ApiPoolCreate>();
        foreach (var (slug, action, summary) in new[]
        {
            ("start", StoragePoolAction.Start, "Starts the pool."),
            ("stop", StoragePoolAction.Stop, "Stops the pool; refused while a running guest uses one of its volumes."),
            ("refresh", StoragePoolAction.Refresh, "Reads the pool's volumes again (after files were added or removed outside WebVirt)."),
        })
        {
            ApiHostChange.Describe(api.MapPost($"{PoolPath}/{slug}",
                    (string pool, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
                        change.ApplyAsync(() => storage.ActOnPoolAsync(change.HostId, pool, action, change.CancellationToken), ApiHostChange.Done(),
                            () => StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken)))
                .WithName(action + "StoragePool").WithSummary(summary));
        }

        ApiHostChange.Describe(api.MapPut(PoolPath + "/autostart", SetPoolAutostartAsync).WithName("SetStoragePoolAutostart")
            .WithSummary("Sets whether the pool starts with the host."))
            .AcceptsJson<ApiAutostart>();
        ApiHostChange.Describe(api.MapDelete(PoolPath, DeletePoolAsync).WithName("StoragePoolDelete")
            .WithSummary("Stops and undefines the pool; with deleteVolumes=true its volumes and directory go too. Refused while a guest uses one of its volumes."));
        ApiHostChange.Describe(api.MapPost(PoolPath + "/volumes", CreateVolumeAsync).WithName("StorageVolumeCreate")
            .WithSummary("Creates an empty volume (format qcow2 or raw) of capacityBytes."))
            .AcceptsJson<ApiVolumeCreate>();
        ApiHostChange.Describe(api.MapPost(VolumePath + "/clone", CloneVolumeAsync).WithName("StorageVolumeClone")
            .WithSummary("Copies the volume in the same pool under newName (its extension picks the format)."))
            .AcceptsJson<ApiVolumeClone>();
        ApiHostChange.Describe(api.MapPut(VolumePath + "/size", ResizeVolumeAsync).WithName("StorageVolumeResize")
            .WithSummary("Grows the volume to capacityBytes (never shrinks it)."))
            .AcceptsJson<ApiVolumeResize>();
        ApiHostChange.Describe(api.MapDelete(VolumePath, DeleteVolumeAsync).WithName("StorageVolumeDelete")
            .WithSummary("Deletes the volume; refused while a guest uses it."));
        return api;
    }

    private static Task<Results<Created<ApiActionResult>, ProblemHttpResult>> CreatePoolAsync([AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync<ApiPoolCreate, Created<ApiActionResult>>(
            body => string.IsNullOrWhiteSpace(body.Name) ? "name" : body.Kind is null ? "kind" : null,
            body => storage.CreatePoolAsync(change.HostId, new StoragePoolCreateRequest(body.Name!.Trim(), body.Kind!.Value, body.TargetPath ?? "", body.SourceDevice,
                body.SourceHost, body.SourceDirectory, body.Format, body.VolumeGroup, body.SourceDevices, body.Start, body.Autostart), change.CancellationToken),
            body => change.Made("storage-pools/" + Uri.EscapeDataString(body.Name!.Trim())));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetPoolAutostartAsync(string pool, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync<ApiAutostart, Ok<ApiActionResult>>(
            body => body.Enabled is null ? "enabled" : null,
            body => storage.ActOnPoolAsync(change.HostId, pool, body.Enabled!.Value ? StoragePoolAction.AutostartOn : StoragePoolAction.AutostartOff, change.CancellationToken),
            _ => ApiHostChange.Done(),
            () => StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeletePoolAsync(
        string pool, [AsParameters] ApiHostChange change, IStorageGateway storage, string? deleteVolumes = null)
    {
        if (change.ParseFlag(nameof(deleteVolumes), deleteVolumes, out var withVolumes) is { } invalid)
        {
            return invalid;
        }

        return await change.ApplyAsync(() => storage.DeletePoolAsync(change.HostId, pool, withVolumes, change.CancellationToken), TypedResults.NoContent(),
            () => StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken));
    }

    private static Task<Results<Created<ApiActionResult>, ProblemHttpResult>> CreateVolumeAsync(string pool, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync<ApiVolumeCreate, Created<ApiActionResult>>(
            body => string.IsNullOrWhiteSpace(body.Name) ? "name" : body.CapacityBytes is null ? "capacityBytes" : null,
            body => storage.CreateVolumeAsync(change.HostId, new StorageVolumeCreateRequest(pool, body.Name!.Trim(), body.Format ?? "qcow2", body.CapacityBytes!.Value), change.CancellationToken),
            body => change.Made($"storage-pools/{Uri.EscapeDataString(pool)}/volumes/{Uri.EscapeDataString(body.Name!.Trim())}"),
            () => StorageApi.PoolProblemAsync(storage, change.Texts, change.HostId, pool, change.CancellationToken));

    private static Task<Results<Created<ApiActionResult>, ProblemHttpResult>> CloneVolumeAsync(
        string pool, string volume, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync<ApiVolumeClone, Created<ApiActionResult>>(
            body => string.IsNullOrWhiteSpace(body.NewName) ? "newName" : null,
            body => storage.CloneVolumeAsync(change.HostId, new StorageVolumeCloneRequest(pool, volume, body.NewName!.Trim()), change.CancellationToken),
            body => change.Made($"storage-pools/{Uri.EscapeDataString(pool)}/volumes/{Uri.EscapeDataString(body.NewName!.Trim())}"),
            () => StorageApi.VolumeProblemAsync(storage, change.Texts, change.HostId, pool, volume, change.CancellationToken));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ResizeVolumeAsync(
        string pool, string volume, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync<ApiVolumeResize, Ok<ApiActionResult>>(
            body => body.CapacityBytes is null ? "capacityBytes" : null,
            body => storage.ResizeVolumeAsync(change.HostId, new StorageVolumeResizeRequest(pool, volume, body.CapacityBytes!.Value), change.CancellationToken),
            _ => ApiHostChange.Done(),
            () => StorageApi.VolumeProblemAsync(storage, change.Texts, change.HostId, pool, volume, change.CancellationToken));

    private static Task<Results<NoContent, ProblemHttpResult>> DeleteVolumeAsync(string pool, string volume, [AsParameters] ApiHostChange change, IStorageGateway storage) =>
        change.ApplyAsync(() => storage.DeleteVolumeAsync(change.HostId, pool, volume, change.CancellationToken), TypedResults.NoContent(),
            () => StorageApi.VolumeProblemAsync(storage, change.Texts, change.HostId, pool, volume, change.CancellationToken));
}

/// <summary>
/// A pool to define, as the Storage page's dialog asks: <see cref="TargetPath"/> for every kind; a
/// FileSystem's <see cref="SourceDevice"/> and <see cref="Format"/>; a NetworkFileSystem's
/// <see cref="SourceHost"/>, <see cref="SourceDirectory"/> and <see cref="Format"/>; a Logical pool's
/// <see cref="VolumeGroup"/> and <see cref="SourceDevices"/>.
/// </summary>
public sealed record ApiPoolCreate(
    string? Name, StoragePoolKind? Kind, string? TargetPath = null, string? SourceDevice = null, string? SourceHost = null, string? SourceDirectory = null,
    string? Format = null, string? VolumeGroup = null, IReadOnlyList<string>? SourceDevices = null, bool Start = true, bool Autostart = true);

/// <summary>Whether the pool or network starts with the host.</summary>
public sealed record ApiAutostart(bool? Enabled);

/// <summary>A new empty volume: <see cref="Format"/> qcow2 (the default) or raw.</summary>
public sealed record ApiVolumeCreate(string? Name, long? CapacityBytes, string? Format = null);

/// <summary>The copy's name; its extension (.qcow2, .img, .raw) picks its format.</summary>
public sealed record ApiVolumeClone(string? NewName);

/// <summary>The volume's new virtual size in bytes.</summary>
public sealed record ApiVolumeResize(long? CapacityBytes);
