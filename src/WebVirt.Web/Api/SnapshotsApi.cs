using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// /api/v1/hosts/{hostId}/guests/{uuid}/snapshots: a guest's snapshots, made, reverted to and deleted
/// through the same gateway calls as the guest page's Snapshots tab (its permission, audit and errors).
/// </summary>
public static class SnapshotsApi
{
    private const string Path = "/hosts/{hostId}/guests/{uuid}/snapshots";

    public static RouteGroupBuilder MapSnapshotsApi(this RouteGroupBuilder api)
    {
        api.MapGet(Path, ListAsync).WithName("ListSnapshots")
            .WithSummary("Lists a guest's snapshots, parents before children.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapGet(Path + "/{name}", GetAsync).WithName("ShowSnapshot")
            .WithSummary("One snapshot of a guest.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost(Path, CreateAsync).WithName("CreateSnapshot")
            .WithSummary("Takes a snapshot of the guest (with its memory too when it runs and includeMemory is set).")
            .AcceptsJson<ApiSnapshotCreate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapPost(Path + "/{name}/revert", RevertAsync).WithName("RevertSnapshot")
            .WithSummary("Returns the guest to the snapshot; what happened since it was taken is lost.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        api.MapDelete(Path + "/{name}", DeleteAsync).WithName("DeleteSnapshot")
            .WithSummary("Deletes the snapshot; its children are kept and hang from its parent.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<GuestSnapshotInfo>>, ProblemHttpResult>> ListAsync(
        string hostId, string uuid, IInventoryGateway inventory, ISnapshotGateway snapshots, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        return guest is null ? missing! : TypedResults.Ok(await snapshots.GetSnapshotsAsync(guest.HostId, guest.Uuid, cancellationToken));
    }

    private static async Task<Results<Ok<GuestSnapshotInfo>, ProblemHttpResult>> GetAsync(
        string hostId, string uuid, string name, IInventoryGateway inventory, ISnapshotGateway snapshots,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var snapshot = await FindAsync(snapshots, guest, name, cancellationToken);
        return snapshot is null ? Missing(texts, guest, name) : TypedResults.Ok(snapshot);
    }

    private static async Task<Results<Created<GuestSnapshotInfo>, ProblemHttpResult>> CreateAsync(
        string hostId, string uuid, HttpRequest request, IInventoryGateway inventory, ISnapshotGateway snapshots,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiSnapshotCreate>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.Name))
        {
            return ApiBodies.Required(texts, "name");
        }

        // The agent validates the name and description as it does for the page's dialog.
        var result = await snapshots.CreateSnapshotAsync(guest, new GuestSnapshotCreate(body.Name, body.Description, body.IncludeMemory), cancellationToken);
        if (!result.Ok)
        {
            return ApiProblems.From(result);
        }

        var created = await FindAsync(snapshots, guest, body.Name, cancellationToken);
        return created is null
            ? Missing(texts, guest, body.Name)
            : TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/hosts/{guest.HostId}/guests/{guest.Uuid}/snapshots/{Uri.EscapeDataString(created.Name)}", created);
    }

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> RevertAsync(
        string hostId, string uuid, string name, IInventoryGateway inventory, ISnapshotGateway snapshots,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        if (await FindAsync(snapshots, guest, name, cancellationToken) is null)
        {
            return Missing(texts, guest, name);
        }

        var result = await snapshots.RevertSnapshotAsync(guest, name, cancellationToken);
        return result.Ok ? TypedResults.Ok(new ApiActionResult(true, null)) : ApiProblems.From(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string hostId, string uuid, string name, IInventoryGateway inventory, ISnapshotGateway snapshots,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        if (await FindAsync(snapshots, guest, name, cancellationToken) is null)
        {
            return Missing(texts, guest, name);
        }

        var result = await snapshots.DeleteSnapshotAsync(guest, name, cancellationToken);
        return result.Ok ? TypedResults.NoContent() : ApiProblems.From(result);
    }

    private static async Task<GuestSnapshotInfo?> FindAsync(ISnapshotGateway snapshots, GuestInfo guest, string name, CancellationToken cancellationToken) =>
        (await snapshots.GetSnapshotsAsync(guest.HostId, guest.Uuid, cancellationToken)).FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    private static ProblemHttpResult Missing(IStringLocalizer<ApiResource> texts, GuestInfo guest, string name) =>
        ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.SnapshotMissing, texts[ApiErrorCodes.SnapshotMissing, guest.Name, name]);
}

/// <summary>A snapshot to take: its name, an optional description, and whether a running guest's memory is saved too.</summary>
public sealed record ApiSnapshotCreate(string? Name, string? Description, bool IncludeMemory = false);
