using System.Globalization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Api;

/// <summary>
/// The audit log and the users, for administrators (a token of administer scope whose owner is one):
/// the rights of the Audit and Users pages, checked as those pages check them.
/// </summary>
public static class AuditUsersApi
{
    public static RouteGroupBuilder MapAuditUsersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", ListAuditAsync).WithName("ListAuditEntries")
            .WithSummary("The audit log, newest first, filtered by user, action, hostId, guest, result (ok, error) and time (since, until: ISO 8601), one page at a time.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/users", ListUsersAsync).WithName("ListUsers")
            .WithSummary("The console's users with their role and whether they are locked out.");
        return api;
    }

    private static async Task<Results<Ok<ApiPage<AuditEntry>>, ProblemHttpResult>> ListAuditAsync(
        HttpContext http, AuditLog audit, IStringLocalizer<ApiResource> texts,
        string? user = null, string? action = null, string? hostId = null, string? guest = null, string? result = null,
        string? since = null, string? until = null, int page = 1, int pageSize = GuestsApi.DefaultPageSize)
    {
        if (Refusal(http, Permission.ViewAuditLog, "read-audit-log") is { } refused)
        {
            return refused;
        }

        if (result is not null and not AuditEntry.ResultOk and not AuditEntry.ResultError)
        {
            return Invalid(texts, nameof(result), result, $"{AuditEntry.ResultOk}, {AuditEntry.ResultError}");
        }

        var (from, fromProblem) = ParseTime(texts, nameof(since), since);
        var (to, toProblem) = ParseTime(texts, nameof(until), until);
        if ((fromProblem ?? toProblem) is { } badTime)
        {
            return badTime;
        }

        if (page < 1)
        {
            return Invalid(texts, nameof(page), page.ToString(CultureInfo.InvariantCulture), "1 …");
        }

        if (pageSize is < 1 or > GuestsApi.MaxPageSize)
        {
            return Invalid(texts, nameof(pageSize), pageSize.ToString(CultureInfo.InvariantCulture), $"1 … {GuestsApi.MaxPageSize}");
        }

        var (entries, total) = await audit.QueryAsync(new AuditQuery(user, action, hostId, guest, result, from, to),
            (page - 1) * pageSize, pageSize, http.RequestAborted);
        return TypedResults.Ok(new ApiPage<AuditEntry>(entries, total, page, pageSize));
    }

    private static async Task<Results<Ok<IReadOnlyList<UserSummary>>, ProblemHttpResult>> ListUsersAsync(
        HttpContext http, UserAdminService users, AuthenticationStateProvider authentication)
    {
        if (Refusal(http, Permission.ManageUsers, "list-users") is { } refused)
        {
            return refused;
        }

        // The Users page's service reads its user from the authentication state, which a request outside a circuit sets itself.
        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        }

        return TypedResults.Ok(await users.ListAsync(http.RequestAborted));
    }

    /// <summary>The gateway's refusal, worded as it words it, when the token's user lacks the right.</summary>
    private static ProblemHttpResult? Refusal(HttpContext http, Permission permission, string action) =>
        Permissions.IsAllowed(http.User, permission)
            ? null
            : ApiProblems.From(ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, http.User.Identity?.Name ?? "", action).WithHint(HintKeys.Forbidden)));

    private static (DateTimeOffset? Time, ProblemHttpResult? Problem) ParseTime(IStringLocalizer<ApiResource> texts, string name, string? text) =>
        text is null ? (null, null)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? (time.ToUniversalTime(), null)
        : (null, Invalid(texts, name, text, "ISO 8601 (2026-12-04T21:00:00Z)"));

    private static ProblemHttpResult Invalid(IStringLocalizer<ApiResource> texts, string name, string value, string allowed) =>
        ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid, texts[ApiErrorCodes.FilterInvalid, name, value, allowed]);
}
