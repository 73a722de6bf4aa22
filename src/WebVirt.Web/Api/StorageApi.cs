using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>/api/v1/hosts/{hostId}/storage-pools: a host's pools and their volumes, read as the Storage page reads them.</summary>
public static class StorageApi
{
    private const string PoolsPath = "/hosts/{hostId}/storage-pools";

    public static RouteGroupBuilder MapStorageApi(this RouteGroupBuilder api)
    {
        api.MapGet(PoolsPath, ListPoolsAsync).WithName("ListStoragePools")
            .WithSummary("Lists the host's storage pools with their size, use and state.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(PoolsPath + "/{pool}", GetPoolAsync).WithName("ShowStoragePool")
            .WithSummary("One storage pool.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(PoolsPath + "/{pool}/volumes", ListVolumesAsync).WithName("ListStorageVolumes")
            .WithSummary("Lists a pool's volumes and the guests that use each (none for a pool that is not running).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(PoolsPath + "/{pool}/volumes/{volume}", GetVolumeAsync).WithName("ShowStorageVolume")
            .WithSummary("One volume of a pool and the guests that use it.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<StoragePoolSummary>>> ListPoolsAsync(string hostId, IStorageGateway storage, CancellationToken cancellationToken) =>
        TypedResults.Ok(await storage.GetPoolsAsync(hostId, cancellationToken));

    private static async Task<Results<Ok<StoragePoolSummary>, ProblemHttpResult>> GetPoolAsync(
        string hostId, string pool, IStorageGateway storage, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var found = await FindPoolAsync(storage, hostId, pool, cancellationToken);
        return found is null ? PoolMissing(texts, hostId, pool) : TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<IReadOnlyList<StorageVolumeSummary>>, ProblemHttpResult>> ListVolumesAsync(
        string hostId, string pool, IStorageGateway storage, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        if (await FindPoolAsync(storage, hostId, pool, cancellationToken) is null)
        {
            return PoolMissing(texts, hostId, pool);
        }

        return TypedResults.Ok(await storage.GetVolumesAsync(hostId, pool, cancellationToken));
    }

    private static async Task<Results<Ok<StorageVolumeSummary>, ProblemHttpResult>> GetVolumeAsync(
        string hostId, string pool, string volume, IStorageGateway storage, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        if (await FindPoolAsync(storage, hostId, pool, cancellationToken) is null)
        {
            return PoolMissing(texts, hostId, pool);
        }

        var found = (await storage.GetVolumesAsync(hostId, pool, cancellationToken)).FirstOrDefault(v => string.Equals(v.Name, volume, StringComparison.Ordinal));
        return found is null
            ? ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.VolumeMissing, texts[ApiErrorCodes.VolumeMissing, pool, volume])
            : TypedResults.Ok(found);
    }

    /// <summary>Null when the host has the pool, else its 404.</summary>
    internal static async Task<ProblemHttpResult?> PoolProblemAsync(IStorageGateway storage, IStringLocalizer<ApiResource> texts, string hostId, string pool, CancellationToken cancellationToken) =>
        await FindPoolAsync(storage, hostId, pool, cancellationToken) is null ? PoolMissing(texts, hostId, pool) : null;

    /// <summary>Null when the pool has the volume, else the 404 for the pool or the volume.</summary>
    internal static async Task<ProblemHttpResult?> VolumeProblemAsync(
        IStorageGateway storage, IStringLocalizer<ApiResource> texts, string hostId, string pool, string volume, CancellationToken cancellationToken)
    {
        if (await PoolProblemAsync(storage, texts, hostId, pool, cancellationToken) is { } missingPool)
        {
            return missingPool;
        }

        return (await storage.GetVolumesAsync(hostId, pool, cancellationToken)).Any(v => string.Equals(v.Name, volume, StringComparison.Ordinal))
            ? null
            : ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.VolumeMissing, texts[ApiErrorCodes.VolumeMissing, pool, volume]);
    }

    /// <summary>The pool from the host's list, so an unknown pool is a 404 of its own rather than libvirt's error.</summary>
    private static async Task<StoragePoolSummary?> FindPoolAsync(IStorageGateway storage, string hostId, string pool, CancellationToken cancellationToken) =>
        (await storage.GetPoolsAsync(hostId, cancellationToken)).FirstOrDefault(p => string.Equals(p.Name, pool, StringComparison.Ordinal));

    private static ProblemHttpResult PoolMissing(IStringLocalizer<ApiResource> texts, string hostId, string pool) =>
        ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.PoolMissing, texts[ApiErrorCodes.PoolMissing, hostId, pool]);
}
