using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// /api/v1/guests: the guest list with filters and paging, one guest's details, and its lifecycle
/// actions. Each goes through the same gateway call as the dashboard's and the guest page's.
/// </summary>
public static class GuestsApi
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The lifecycle actions, by the path segment that asks for each.</summary>
    public static IReadOnlyDictionary<string, GuestAction> Actions { get; } = new Dictionary<string, GuestAction>(StringComparer.Ordinal)
    {
        ["start"] = GuestAction.Start,
        ["shutdown"] = GuestAction.Shutdown,
        ["force-off"] = GuestAction.ForceOff,
        ["reboot"] = GuestAction.Reboot,
        ["suspend"] = GuestAction.Pause,
        ["resume"] = GuestAction.Resume,
    };

    public static RouteGroupBuilder MapGuestsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/guests", ListAsync).WithName("ListGuests")
            .WithSummary("Lists guests of every host, sorted by host and name, filtered and one page at a time.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/hosts/{hostId}/guests/{uuid}", GetAsync).WithName("ShowGuest")
            .WithSummary("One guest: its summary and the details its host's agent reports; its ETag header is what a change to the guest sends in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        foreach (var (slug, action) in Actions)
        {
            api.MapPost($"/hosts/{{hostId}}/guests/{{uuid}}/{slug}",
                    (string hostId, string uuid, IInventoryGateway inventory, IGuestLifecycleGateway lifecycle, CancellationToken cancellationToken) =>
                        ActAsync(hostId, uuid, action, inventory, lifecycle, cancellationToken))
                .WithName("Guest" + action)
                .WithSummary($"Asks the guest's host to {slug.Replace('-', ' ')} it.")
                .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        }

        return api;
    }

    private static async Task<Results<Ok<ApiPage<GuestInfo>>, ProblemHttpResult>> ListAsync(
        IInventoryGateway inventory,
        IStringLocalizer<ApiResource> texts,
        string? hostId = null,
        string? state = null,
        string? name = null,
        bool? template = null,
        int page = 1,
        int pageSize = DefaultPageSize)
    {
        GuestState? wanted = null;
        if (state is not null)
        {
            if (!Enum.TryParse<GuestState>(state, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(state, out _))
            {
                return Invalid(texts, nameof(state), state, string.Join(", ", Enum.GetNames<GuestState>()));
            }

            wanted = parsed;
        }

        if (page < 1)
        {
            return Invalid(texts, nameof(page), page.ToString(System.Globalization.CultureInfo.InvariantCulture), "1 …");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Invalid(texts, nameof(pageSize), pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture), $"1 … {MaxPageSize}");
        }

        var matching = (await inventory.GetGuestsAsync())
            .Where(guest => hostId is null || guest.HostId == hostId)
            .Where(guest => wanted is null || guest.State == wanted)
            .Where(guest => name is null || guest.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(guest => template is null || guest.IsTemplate == template)
            .OrderBy(guest => guest.HostId, StringComparer.Ordinal).ThenBy(guest => guest.Name, StringComparer.Ordinal)
            .ToList();
        var items = matching.Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return TypedResults.Ok(new ApiPage<GuestInfo>(items, matching.Count, page, pageSize));
    }

    private static async Task<Results<Ok<ApiGuest>, ProblemHttpResult>> GetAsync(
        string hostId, string uuid, HttpResponse response, IInventoryGateway inventory, IGuestPageGateway guestPage, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var details = await guestPage.GetGuestDetailsAsync(hostId, guest.Uuid, cancellationToken);
        var xml = await guestPage.GetGuestXmlAsync(hostId, guest.Uuid, cancellationToken);
        // The version a change to the guest must name in If-Match (see ApiGuestVersion).
        response.Headers.ETag = ApiGuestVersion.Of(xml?.Persistent, details?.Notes);
        return TypedResults.Ok(new ApiGuest(guest, details));
    }

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ActAsync(
        string hostId, string uuid, GuestAction action, IInventoryGateway inventory, IGuestLifecycleGateway lifecycle, CancellationToken cancellationToken)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        var result = await lifecycle.ActAsync(guest, action, cancellationToken);
        return result.Ok
            ? TypedResults.Ok(new ApiActionResult(true, result.Notice is { } notice ? Formatting.AgentTexts.Format(notice) : null))
            : ApiProblems.From(result);
    }

    private static ProblemHttpResult Invalid(IStringLocalizer<ApiResource> texts, string parameter, string value, string allowed) =>
        ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid, texts[ApiErrorCodes.FilterInvalid, parameter, value, allowed]);
}

/// <summary>One page of a list: its items, how many match in all, and which page of what size this is.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>A guest's summary (as in the list) and its details from its host's agent.</summary>
public sealed record ApiGuest(GuestInfo Summary, GuestDetails? Details);

/// <summary>A change that was done; <see cref="Notice"/> is what the UI would show beside it, if anything.</summary>
public sealed record ApiActionResult(bool Ok, string? Notice);
