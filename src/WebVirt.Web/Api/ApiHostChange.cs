using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Resources;
using FromRouteAttribute = Microsoft.AspNetCore.Mvc.FromRouteAttribute;
using FromServicesAttribute = Microsoft.AspNetCore.Mvc.FromServicesAttribute;

namespace WebVirt.Web.Api;

/// <summary>
/// The steps every change to a host's pools, volumes and networks shares, bound with
/// <c>[AsParameters]</c>: the object the path names (404), the JSON body (400), the gateway's change
/// (its refusal as a problem), and the typed answer the endpoint picks (200, 201 or 204). These
/// objects carry no ETag: their changes are actions, creations and deletions, not edits of a
/// definition a second client could overwrite.
/// </summary>
public sealed class ApiHostChange
{
    [FromRoute(Name = "hostId")]
    public required string HostId { get; init; }

    public required HttpContext Http { get; init; }

    [FromServices]
    public required IStringLocalizer<ApiResource> Texts { get; init; }

    public required CancellationToken CancellationToken { get; init; }

    /// <summary>A change with a JSON body; <paramref name="missingField"/> names a field the body lacks, if any.</summary>
    public async Task<Results<TOk, ProblemHttpResult>> ApplyAsync<TBody, TOk>(
        Func<TBody, string?> missingField, Func<TBody, Task<ActionResult>> change, Func<TBody, TOk> answer, Func<Task<ProblemHttpResult?>>? find = null)
        where TBody : class
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(missingField);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(answer);
        if (find is not null && await find() is { } missing)
        {
            return missing;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<TBody>(Http.Request, Texts);
        if (body is null)
        {
            return invalid!;
        }

        if (missingField(body) is { } field)
        {
            return ApiBodies.Required(Texts, field);
        }

        var result = await change(body);
        return result.Ok ? answer(body) : ApiProblems.From(result);
    }

    /// <summary>A change without a body (an action or a deletion).</summary>
    public async Task<Results<TOk, ProblemHttpResult>> ApplyAsync<TOk>(Func<Task<ActionResult>> change, TOk answer, Func<Task<ProblemHttpResult?>>? find = null)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(change);
        if (find is not null && await find() is { } missing)
        {
            return missing;
        }

        var result = await change();
        return result.Ok ? answer : ApiProblems.From(result);
    }

    /// <summary>A true/false query parameter (null: false), or the problem for another value.</summary>
    public ProblemHttpResult? ParseFlag(string name, string? text, out bool value)
    {
        value = false;
        return text is null || bool.TryParse(text, out value)
            ? null
            : ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid, Texts[ApiErrorCodes.FilterInvalid, name, text, "true, false"]);
    }

    public static Ok<ApiActionResult> Done() => TypedResults.Ok(new ApiActionResult(true, null));

    /// <summary>201 with the new object's URL below this host.</summary>
    public Created<ApiActionResult> Made(string pathBelowHost) =>
        TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/hosts/{Uri.EscapeDataString(HostId)}/{pathBelowHost}", new ApiActionResult(true, null));

    /// <summary>Describes a change's problems in the OpenAPI document.</summary>
    public static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

}
