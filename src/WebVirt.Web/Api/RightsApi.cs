using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Api;

/// <summary>
/// Grants of roles on paths and a user's effective rights, for administrators (ManageUsers on "/", through a
/// token whose scope and owner both allow it): the Rights page's service, with its checks and audit.
/// </summary>
public static class RightsApi
{
    public static RouteGroupBuilder MapRightsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rights", ListAsync).WithName("ListGrants")
            .WithSummary("Every grant: a role given to a user or a group on a path (/, /hosts/{hostId}, …/pools/{pool}, …/networks/{network}, …/guests/{uuid}, /tags/{tag}).");
        api.MapPost("/rights", GrantAsync).WithName("Grant")
            .WithSummary("Grants a role on a path to a user (userName) or a group (groupName).")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete("/rights/{id:guid}", RevokeAsync).WithName("Revoke")
            .WithSummary("Revokes a grant.").ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/users/{id}/effective-rights", EffectiveAsync).WithName("GetEffectiveRights")
            .WithSummary("What a user (by id or name) may do, on which paths, and which grant gives it.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<GrantView>>, ProblemHttpResult>> ListAsync(
        RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        await rights.MayAdministerAsync()
            ? TypedResults.Ok(await rights.GrantsAsync(cancellationToken))
            : Problem(texts, RightsErrors.Forbidden);

    private static async Task<Results<Created<GrantView>, ProblemHttpResult>> GrantAsync(
        GrantRequest body, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken)
    {
        var result = await rights.GrantAsync(body, cancellationToken);
        if (!result.Ok)
        {
            return Problem(texts, result.Error!);
        }

        var grant = (await rights.GrantsAsync(cancellationToken)).Single(g => g.Id == result.Id);
        return TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/rights/{grant.Id}", grant);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        Guid id, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken)
    {
        var result = await rights.RevokeAsync(id, cancellationToken);
        return result.Ok ? TypedResults.NoContent() : Problem(texts, result.Error!);
    }

    private static async Task<Results<Ok<ApiEffectiveRights>, ProblemHttpResult>> EffectiveAsync(
        string id, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken)
    {
        if (!await rights.MayAdministerAsync())
        {
            return Problem(texts, RightsErrors.Forbidden);
        }

        var effective = await rights.EffectiveAsync(id, cancellationToken);
        return effective is null
            ? Problem(texts, RightsErrors.UnknownUser)
            : TypedResults.Ok(new ApiEffectiveRights(effective.UserId, effective.UserName,
                [.. effective.Reasons.Select(reason => new ApiRightsReason(reason.Path, reason.Role, [.. reason.Privileges.Select(p => p.ToString())],
                    reason.Source.ToString(), reason.Via, reason.GrantId))]));
    }

    /// <summary>A refusal of <see cref="RightsAdmin"/> as problem details, worded by the Rights page's catalogue.</summary>
    public static ProblemHttpResult Problem(IStringLocalizer<RightsResource> texts, string code) =>
        ApiProblems.Of(StatusOf(code), code, texts["Rights.Error." + code]);

    public static int StatusOf(string code) => code switch
    {
        RightsErrors.Forbidden => StatusCodes.Status403Forbidden,
        RightsErrors.NotFound or RightsErrors.UnknownUser or RightsErrors.UnknownGroup => StatusCodes.Status404NotFound,
        RightsErrors.Duplicate or RightsErrors.NameTaken or RightsErrors.RoleInUse or RightsErrors.AlreadyMember
            or RightsErrors.BuiltIn => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>A user's effective rights: every grant that reaches them, with its privileges and where it comes from.</summary>
public sealed record ApiEffectiveRights(string UserId, string UserName, IReadOnlyList<ApiRightsReason> Grants);

/// <summary>One grant reaching a user: Source is GlobalRole, User, Group (Via names it) or Owner.</summary>
public sealed record ApiRightsReason(string Path, string Role, IReadOnlyList<string> Privileges, string Source, string? Via, Guid? GrantId);
