using Microsoft.AspNetCore.Http.HttpResults;
using FromRouteAttribute = Microsoft.AspNetCore.Mvc.FromRouteAttribute;
using FromServicesAttribute = Microsoft.AspNetCore.Mvc.FromServicesAttribute;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;
using WebVirt.Web.Resources;

namespace WebVirt.Web.Api;

/// <summary>
/// The steps every change to an existing guest shares, bound from the request with
/// <c>[AsParameters]</c> so an endpoint names only its body and its gateway call: the guest the path
/// names (404), the JSON body (400), the device the path names (404), If-Match against the guest's
/// ETag (428/412), the gateway's change (its refusal as a problem), and the ETag after it. Every
/// endpoint keeps its typed answer <c>Results&lt;Ok&lt;ApiActionResult&gt;, ProblemHttpResult&gt;</c>.
/// </summary>
public sealed class ApiGuestChange
{
    [FromRoute(Name = "hostId")]
    public required string HostId { get; init; }

    [FromRoute(Name = "uuid")]
    public required string Uuid { get; init; }

    public required HttpContext Http { get; init; }

    [FromServices]
    public required IInventoryGateway Inventory { get; init; }

    [FromServices]
    public required IGuestPageGateway GuestPage { get; init; }

    [FromServices]
    public required IStringLocalizer<ApiResource> Texts { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>The problems every change to a guest may answer .</summary>
    public static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
        .ProducesProblem(StatusCodes.Status428PreconditionRequired).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A change with a JSON body; <paramref name="missingField"/> names a field the body lacks, if any.</summary>
    public Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ApplyAsync<TBody>(
        Func<TBody, string?> missingField, Func<GuestInfo, TBody, Task<ActionResult>> change, ApiGuestDevice? device = null)
        where TBody : class
    {
        ArgumentNullException.ThrowIfNull(missingField);
        ArgumentNullException.ThrowIfNull(change);
        return RunAsync(async guest =>
        {
            var (body, invalid) = await ApiBodies.ReadAsync<TBody>(Http.Request, Texts);
            if (body is null)
            {
                return (null, invalid);
            }

            return missingField(body) is { } field ? (null, ApiBodies.Required(Texts, field)) : (() => change(guest, body), null);
        }, device);
    }

    /// <summary>A change whose body is an XML document (application/xml), read whole as text.</summary>
    public Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ApplyXmlAsync(Func<GuestInfo, string, Task<ActionResult>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RunAsync(async guest =>
        {
            var (xml, invalid) = await ApiXmlBody.ReadAsync(Http.Request, Texts);
            return xml is null ? (null, invalid) : (() => change(guest, xml), null);
        }, null);
    }

    /// <summary>A change without a body (a removal).</summary>
    public Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ApplyAsync(Func<GuestInfo, Task<ActionResult>> change, ApiGuestDevice? device = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        return RunAsync(guest => Task.FromResult<(Func<Task<ActionResult>>?, ProblemHttpResult?)>((() => change(guest), null)), device);
    }

    /// <summary>A true/false query parameter (null: <paramref name="fallback"/>), or the problem for another value.</summary>
    public ProblemHttpResult? ParseFlag(string name, string? text, bool fallback, out bool value)
    {
        value = fallback;
        return text is null || bool.TryParse(text, out value)
            ? null
            : ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid, Texts[ApiErrorCodes.FilterInvalid, name, text, "true, false"]);
    }

    private async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> RunAsync(
        Func<GuestInfo, Task<(Func<Task<ActionResult>>? Change, ProblemHttpResult? Problem)>> prepare, ApiGuestDevice? device)
    {
        var (guest, missing) = await ApiGuestLookup.FindAsync(Inventory, HostId, Uuid);
        if (guest is null)
        {
            return missing!;
        }

        var (change, refused) = await prepare(guest);
        if (change is null)
        {
            return refused!;
        }

        if (device is not null && await device.FindProblemAsync(GuestPage, guest, Texts, CancellationToken) is { } absent)
        {
            return absent;
        }

        if (await ApiGuestVersion.CheckAsync(Http.Request, GuestPage, guest, Texts, CancellationToken) is { } precondition)
        {
            return precondition;
        }

        var result = await change();
        if (!result.Ok)
        {
            return ApiProblems.From(result);
        }

        await ApiGuestVersion.SendAsync(Http.Response, GuestPage, guest, CancellationToken);
        return TypedResults.Ok(new ApiActionResult(true, result.Notice is { } notice ? AgentTexts.Format(notice) : null));
    }
}
