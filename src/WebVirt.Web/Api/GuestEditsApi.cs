using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// Changes to a guest's CPUs, memory and notes, through the same gateway calls as the guest page's
/// hardware and notes cards. Each needs If-Match with the guest's ETag (see <see cref="ApiGuestVersion"/>)
/// and answers with the ETag the guest has afterwards.
/// </summary>
public static class GuestEditsApi
{
    private const string GuestPath = "/hosts/{hostId}/guests/{uuid}";

    public static RouteGroupBuilder MapGuestEditsApi(this RouteGroupBuilder api)
    {
        Describe(api.MapPut(GuestPath + "/hardware/cpus", SetCpusAsync).WithName("UpdateGuestCpus")
            .WithSummary("Sets the guest's vCPUs: the maximum defined, how many are online, and optionally the topology (sockets × cores × threads = maximum)."))
            .AcceptsJson<ApiCpuChange>();
        Describe(api.MapPut(GuestPath + "/hardware/memory", SetMemoryAsync).WithName("UpdateGuestMemory")
            .WithSummary("Sets the guest's memory in MiB: its maximum and its current size (through the balloon while it runs)."))
            .AcceptsJson<ApiMemoryChange>();
        Describe(api.MapPut(GuestPath + "/notes", SetNotesAsync).WithName("UpdateGuestNotes")
            .WithSummary("Replaces the guest's description and tags."))
            .AcceptsJson<ApiNotesChange>();
        return api;
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetCpusAsync(
        string hostId, string uuid, HttpContext http, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IGuestHardwareGateway hardware, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken) =>
        EditAsync<ApiCpuChange>(hostId, uuid, http, inventory, guestPage, texts,
            body => body.Current is null ? "current" : body.Maximum is null ? "maximum" : null,
            (guest, body) => hardware.SetCpusAsync(guest, new GuestCpuChange(body.Current!.Value, body.Maximum!.Value, body.Sockets, body.Cores, body.Threads), cancellationToken), cancellationToken);

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetMemoryAsync(
        string hostId, string uuid, HttpContext http, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IGuestHardwareGateway hardware, IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken) =>
        EditAsync<ApiMemoryChange>(hostId, uuid, http, inventory, guestPage, texts,
            body => body.CurrentMiB is null ? "currentMiB" : body.MaximumMiB is null ? "maximumMiB" : null,
            (guest, body) => hardware.SetMemoryAsync(guest, new GuestMemoryChange(body.CurrentMiB!.Value, body.MaximumMiB!.Value), cancellationToken), cancellationToken);

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetNotesAsync(
        string hostId, string uuid, HttpContext http, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IStringLocalizer<ApiResource> texts, CancellationToken cancellationToken) =>
        EditAsync<ApiNotesChange>(hostId, uuid, http, inventory, guestPage, texts,
            body => body.Description is null ? "description" : null,
            (guest, body) => guestPage.SetGuestNotesAsync(guest, new GuestNotes(body.Description!, body.Tags ?? []), cancellationToken), cancellationToken);

    /// <summary>
    /// The steps every edit shares: the guest, the body, the If-Match check, the gateway's change, the new ETag.
    /// <paramref name="missingField"/> names a field the body lacks, if any; <paramref name="change"/> is the gateway's call.
    /// </summary>
    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> EditAsync<TBody>(
        string hostId, string uuid, HttpContext http, IInventoryGateway inventory, IGuestPageGateway guestPage,
        IStringLocalizer<ApiResource> texts, Func<TBody, string?> missingField, Func<GuestInfo, TBody, Task<ActionResult>> change,
        CancellationToken cancellationToken)
        where TBody : class
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<TBody>(http.Request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if (missingField(body) is { } field)
        {
            return ApiBodies.Required(texts, field);
        }

        if (await ApiGuestVersion.CheckAsync(http.Request, guestPage, guest, texts, cancellationToken) is { } precondition)
        {
            return precondition;
        }

        var result = await change(guest, body);
        if (!result.Ok)
        {
            return ApiProblems.From(result);
        }

        await ApiGuestVersion.SendAsync(http.Response, guestPage, guest, cancellationToken);
        return TypedResults.Ok(new ApiActionResult(true, result.Notice is { } notice ? AgentTexts.Format(notice) : null));
    }
}

/// <summary>vCPUs: <see cref="Maximum"/> defined, <see cref="Current"/> online; a topology is all three of sockets, cores and threads, or none.</summary>
public sealed record ApiCpuChange(int? Current, int? Maximum, int? Sockets = null, int? Cores = null, int? Threads = null);

/// <summary>Memory in MiB: the maximum and the current size.</summary>
public sealed record ApiMemoryChange(long? CurrentMiB, long? MaximumMiB);

/// <summary>The guest's description (may be empty) and its tags (none when left out).</summary>
public sealed record ApiNotesChange(string? Description, IReadOnlyList<string>? Tags = null);
