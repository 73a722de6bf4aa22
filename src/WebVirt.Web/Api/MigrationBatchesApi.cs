using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Bulk migrate and host evacuation as the console's server-side batches (<see cref="MigrationBatchRunner"/>, as the
/// dashboard and the hosts page start them): each guest goes through the same gateway call as a single migration (its
/// right, its checks, its audit, its own task); the batch runs on after the request and is followed and cancelled here.
/// </summary>
public static class MigrationBatchesApi
{
    private const string BatchesPath = "/migrations/batches";

    public static RouteGroupBuilder MapMigrationBatchesApi(this RouteGroupBuilder api)
    {
        api.MapPost("/hosts/{hostId}/evacuate", EvacuateAsync).WithName("EvacuateHost")
            .WithSummary("Moves every guest running (or paused) on the host live to another host, as a batch run by the console: 202 with the batch; each guest is checked, audited and refused on its own.")
            .AcceptsJson<ApiEvacuation>()
            .Produces<ApiMigrationBatch>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(BatchesPath, StartAsync).WithName("StartMigrationBatch")
            .WithSummary("Moves the listed guests to one host, as a batch run by the console: 202 with the batch; each guest is checked, audited and refused on its own.")
            .AcceptsJson<ApiMigrationBatchRequest>()
            .Produces<ApiMigrationBatch>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(BatchesPath, ListAsync).WithName("ListMigrationBatches")
            .WithSummary("The batches running and recently ended that the caller started or may move guests to, the newest first.");
        api.MapGet(BatchesPath + "/{batchId}", GetAsync).WithName("ShowMigrationBatch")
            .WithSummary("One batch: each guest's step (queued, starting, running, moved, refused, failed, skipped), its task and why it did not move.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(BatchesPath + "/{batchId}/cancel", CancelAsync).WithName("CancelMigrationBatch")
            .WithSummary("Stops the batch: no guest starts after it and each running migration is cancelled (the guests stay where they run): 202 with the batch; 409 Api.BatchEnded when it had ended.")
            .Produces<ApiMigrationBatch>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Accepted<ApiMigrationBatch>, ProblemHttpResult>> EvacuateAsync(
        string hostId, HttpRequest request, IInventoryGateway inventory, MigrationBatchRunner runner, IStringLocalizer<ApiResource> texts)
    {
        if (!(await inventory.GetHostsAsync()).Any(host => host.HostId == hostId))
        {
            return ApiProblems.From(ActionResult.Fail(ErrorCodes.UnknownHost, hostId));
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiEvacuation>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (string.IsNullOrWhiteSpace(body.DestinationHostId))
        {
            return ApiBodies.Required(texts, "destinationHostId");
        }

        // Live, as the hosts page's Evacuate: an evacuation moves running guests without stopping them.
        var choice = new MigrationChoice(body.DestinationHostId, true, body.CopyStorage, body.CopyStorage ? body.DestinationPool : null, body.BandwidthMiBps);
        var (batch, result) = await runner.EvacuateAsync(hostId, choice);
        return batch is null ? ApiProblems.From(result) : Accepted(batch);
    }

    private static async Task<Results<Accepted<ApiMigrationBatch>, ProblemHttpResult>> StartAsync(
        HttpRequest request, IInventoryGateway inventory, MigrationBatchRunner runner, IStringLocalizer<ApiResource> texts)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiMigrationBatchRequest>(request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (body.Guests is not { Count: > 0 } refs)
        {
            return ApiBodies.Required(texts, "guests");
        }

        if (string.IsNullOrWhiteSpace(body.DestinationHostId))
        {
            return ApiBodies.Required(texts, "destinationHostId");
        }

        // Every guest must be one the caller sees; none moves when one is not (as a guest no longer listed in the dashboard).
        var guests = new List<GuestInfo>();
        foreach (var guestRef in refs)
        {
            var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, guestRef.HostId ?? "", guestRef.Uuid ?? "");
            if (guest is null)
            {
                return missing!;
            }

            guests.Add(guest);
        }

        // As the dialog: live when a guest runs, unless the caller says; each guest is checked by the gateway.
        var live = body.Live ?? guests.Any(guest => guest.State is GuestState.Running or GuestState.Paused);
        var choice = new MigrationChoice(body.DestinationHostId, live, body.CopyStorage, body.CopyStorage ? body.DestinationPool : null, body.BandwidthMiBps);
        return Accepted(await runner.StartAsync(guests, choice));
    }

    private static async Task<Ok<IReadOnlyList<ApiMigrationBatch>>> ListAsync(MigrationBatchRunner runner) =>
        TypedResults.Ok<IReadOnlyList<ApiMigrationBatch>>([.. (await runner.VisibleAsync()).Select(ApiMigrationBatch.From)]);

    private static async Task<Results<Ok<ApiMigrationBatch>, ProblemHttpResult>> GetAsync(string batchId, MigrationBatchRunner runner, IStringLocalizer<ApiResource> texts) =>
        await runner.FindAsync(batchId) is { } batch ? TypedResults.Ok(ApiMigrationBatch.From(batch)) : Missing(texts, batchId);

    private static async Task<Results<Accepted<ApiMigrationBatch>, ProblemHttpResult>> CancelAsync(string batchId, MigrationBatchRunner runner, IStringLocalizer<ApiResource> texts)
    {
        if (await runner.FindAsync(batchId) is not { } batch)
        {
            return Missing(texts, batchId);
        }

        if (batch.State != BatchState.Running || batch.CancelledBy is not null)
        {
            return ApiProblems.Of(StatusCodes.Status409Conflict, ApiErrorCodes.BatchEnded, texts[ApiErrorCodes.BatchEnded, batch.Id]);
        }

        var result = await runner.CancelAsync(batch);
        return result.Ok ? Accepted(batch) : ApiProblems.From(result);
    }

    private static ProblemHttpResult Missing(IStringLocalizer<ApiResource> texts, string batchId) =>
        ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.BatchMissing, texts[ApiErrorCodes.BatchMissing, batchId]);

    private static Accepted<ApiMigrationBatch> Accepted(MigrationBatch batch) =>
        TypedResults.Accepted($"{ApiSetup.BasePath}/{ApiSetup.Version}{BatchesPath}/{batch.Id}", ApiMigrationBatch.From(batch));
}

/// <summary>Where a host's running guests go, as in the Evacuate dialog (always live).</summary>
/// <param name="DestinationHostId">An enrolled, connected host with a pinned certificate, not the evacuated one.</param>
/// <param name="CopyStorage">Copies the disks into <paramref name="DestinationPool"/>; false when both hosts see the disks.</param>
/// <param name="DestinationPool">The destination's active pool the disks are copied into; needed with <paramref name="CopyStorage"/>.</param>
/// <param name="BandwidthMiBps">A limit in MiB/s per migration; 0 for none.</param>
public sealed record ApiEvacuation(string? DestinationHostId, bool CopyStorage = false, string? DestinationPool = null, int BandwidthMiBps = 0);

/// <summary>A guest of a bulk migrate: its host and UUID.</summary>
public sealed record ApiGuestRef(string? HostId, string? Uuid);

/// <summary>Which guests move where and how, as in the dashboard's Migrate selected dialog.</summary>
/// <param name="Live">Moves running guests without stopping them; false moves shut-off guests' definitions. Default: whether any guest runs.</param>
public sealed record ApiMigrationBatchRequest(
    IReadOnlyList<ApiGuestRef>? Guests, string? DestinationHostId, bool? Live = null, bool CopyStorage = false, string? DestinationPool = null, int BandwidthMiBps = 0);

/// <summary>One guest of a batch: its step, its migration task once started, and why it did not move (code and words).</summary>
public sealed record ApiMigrationBatchGuest(string HostId, string Uuid, string Name, BatchStep Step, string? TaskId, string? ErrorCode, string? Message);

/// <summary>A batch of migrations as the console runs it: how it moves its guests and where each stands.</summary>
/// <param name="SourceHostId">The evacuated host; null for a bulk migrate.</param>
/// <param name="Done">Guests moved, refused, failed or skipped.</param>
public sealed record ApiMigrationBatch(
    string Id, BatchState State, string StartedBy, string? SourceHostId, string DestinationHostId, bool Live, bool CopyStorage, string? DestinationPool,
    int BandwidthMiBps, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? CancelledBy, int Done, int Moved, IReadOnlyList<ApiMigrationBatchGuest> Guests)
{
    public static ApiMigrationBatch From(MigrationBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var entries = batch.Entries;
        var choice = batch.Choice;
        return new ApiMigrationBatch(batch.Id, batch.State, batch.StartedBy, batch.SourceHostId, choice.DestinationHostId, choice.Live, choice.CopyStorage,
            choice.DestinationPool, choice.BandwidthMiBps, batch.StartedAt, batch.EndedAt, batch.CancelledBy,
            entries.Count(entry => entry.Finished), entries.Count(entry => entry.Step == BatchStep.Moved),
            [.. entries.Select(entry => new ApiMigrationBatchGuest(entry.Guest.HostId, entry.Guest.Uuid, entry.Guest.Name, entry.Step, entry.TaskId,
                BatchTexts.ReasonCode(entry), BatchTexts.Reason(entry)))]);
    }
}
