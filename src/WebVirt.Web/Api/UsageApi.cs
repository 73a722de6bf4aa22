using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// The usage graphs of the guest page and the host page, read through the same gateway: the series
/// the console keeps of a guest's or a host's CPU, memory, disk and network use over one of the
/// pages' ranges. A guest the caller may not see is 404 as everywhere in the API.
/// </summary>
public static class UsageApi
{
    private const string RangeSummary = " range: Live (the last 10 minutes, the default), Hour, Day or Week; longer ranges come in coarser samples (resolutionSeconds).";

    public static RouteGroupBuilder MapUsageApi(this RouteGroupBuilder api)
    {
        api.MapGet("/hosts/{hostId}/usage", HostAsync).WithName("ShowHostUsage")
            .WithSummary("The host's usage series, oldest first;" + RangeSummary)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/hosts/{hostId}/guests/{uuid}/usage", GuestAsync).WithName("ShowGuestUsage")
            .WithSummary("The guest's usage series, oldest first;" + RangeSummary)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<HostUsageSeries>, ProblemHttpResult>> HostAsync(
        string hostId, IUsageGateway usage, IStringLocalizer<ApiResource> texts, string? range = null, CancellationToken cancellationToken = default)
    {
        if (ParseRange(texts, range, out var wanted) is { } invalid)
        {
            return invalid;
        }

        return TypedResults.Ok(await usage.GetHostUsageAsync(hostId, wanted, cancellationToken));
    }

    private static async Task<Results<Ok<GuestUsageSeries>, ProblemHttpResult>> GuestAsync(
        string hostId, string uuid, IInventoryGateway inventory, IUsageGateway usage, IStringLocalizer<ApiResource> texts,
        string? range = null, CancellationToken cancellationToken = default)
    {
        if (ParseRange(texts, range, out var wanted) is { } invalid)
        {
            return invalid;
        }

        var (guest, missing) = await ApiGuestLookup.FindAsync(inventory, hostId, uuid);
        if (guest is null)
        {
            return missing!;
        }

        return TypedResults.Ok(await usage.GetGuestUsageAsync(hostId, guest.Uuid, wanted, cancellationToken));
    }

    private static ProblemHttpResult? ParseRange(IStringLocalizer<ApiResource> texts, string? text, out UsageRange range)
    {
        range = UsageRange.Live;
        return text is null || (Enum.TryParse(text, ignoreCase: true, out range) && Enum.IsDefined(range) && !int.TryParse(text, out _))
            ? null
            : ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid,
                texts[ApiErrorCodes.FilterInvalid, nameof(range), text, string.Join(", ", Enum.GetNames<UsageRange>())]);
    }
}
