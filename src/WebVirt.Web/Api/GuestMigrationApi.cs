using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// POST /api/v1/hosts/{hostId}/guests/{uuid}/migrate: what the guest page's Migrate dialog does, through
/// the same <see cref="IMigrationGateway"/> call (its right, its checks, its audit). The migration runs
/// as a task of the source host; POST /api/v1/tasks/{taskId}/cancel stops it.
/// </summary>
public static class GuestMigrationApi
{
    public static RouteGroupBuilder MapGuestMigrationApi(this RouteGroupBuilder api)
    {
        api.MapPost("/hosts/{hostId}/guests/{uuid}/migrate", MigrateAsync).WithName("StartGuestMigration")
            .WithSummary("Moves the guest to another enrolled host (live or offline, shared or copied disks): 202 with the migration task; refusals (same host, unknown or unpinned destination, incompatible CPU, name taken...) come before any task.")
            .AcceptsJson<ApiMigration>()
            .Produces<AgentTaskInfo>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return api;
    }

    private static async Task<Results<Accepted<AgentTaskInfo>, ProblemHttpResult>> MigrateAsync(
        string hostId, string uuid, HttpRequest request, IInventoryGateway inventory, IMigrationGateway migrations,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiMigration>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.DestinationHostId))
        {
            return ApiBodies.Required(texts, "destinationHostId");
        }

        // As the dialog: live when the guest runs, unless the caller says; the gateway checks the rest.
        var live = body.Live ?? guest.State is GuestState.Running or GuestState.Paused;
        var choice = new MigrationChoice(body.DestinationHostId, live, body.CopyStorage, body.CopyStorage ? body.DestinationPool : null, body.BandwidthMiBps);
        return await TasksApi.StartedAsync(await migrations.MigrateAsync(guest, choice, cancellationToken), inventory, cancellationToken);
    }
}

/// <summary>Where and how a guest moves, as in the Migrate dialog.</summary>
/// <param name="DestinationHostId">An enrolled, connected host with a pinned certificate, not the guest's own.</param>
/// <param name="Live">Moves the running guest without stopping it; false moves a shut-off guest's definition. Default: whether the guest runs.</param>
/// <param name="CopyStorage">Copies the disks into <paramref name="DestinationPool"/> (live, or offline for a shut-off guest); false when both hosts see the disks.</param>
/// <param name="DestinationPool">The destination's active pool the disks are copied into; needed with <paramref name="CopyStorage"/>.</param>
/// <param name="BandwidthMiBps">A limit in MiB/s; 0 for none.</param>
public sealed record ApiMigration(string? DestinationHostId, bool? Live = null, bool CopyStorage = false, string? DestinationPool = null, int BandwidthMiBps = 0);
