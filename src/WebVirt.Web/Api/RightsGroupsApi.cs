using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Web.Resources;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Api;

/// <summary>
/// /api/v1/rights/groups and /api/v1/rights/roles: the groups, their members and the custom roles the Rights page
/// manages, for administrators only, through <see cref="RightsAdmin"/> (its checks, its audit). Built-in roles are
/// listed with builtIn set and refused for change.
/// </summary>
public static class RightsGroupsApi
{
    private const string Groups = "/rights/groups";
    private const string RolesPath = "/rights/roles";

    public static RouteGroupBuilder MapRightsGroupsApi(this RouteGroupBuilder api)
    {
        api.MapGet(Groups, ListGroupsAsync).WithName("ListGroups")
            .WithSummary("Every group with the names of its members.").ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost(Groups, CreateGroupAsync).WithName("CreateGroup").WithSummary("Makes an empty group.")
            .AcceptsJson<ApiGroupCreate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete(Groups + "/{id:guid}", DeleteGroupAsync).WithName("DeleteGroup")
            .WithSummary("Deletes a group; its memberships and the grants to it go with it.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost(Groups + "/{id:guid}/members", AddMemberAsync).WithName("AddGroupMember").WithSummary("Puts a user (by name) in the group.")
            .AcceptsJson<ApiGroupMember>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete(Groups + "/{id:guid}/members/{userName}", RemoveMemberAsync).WithName("RemoveGroupMember")
            .WithSummary("Takes a user out of the group.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet(RolesPath, ListRolesAsync).WithName("ListRoles")
            .WithSummary("The built-in roles (builtIn: true, read-only), strongest first, then the custom roles by name, each with its privileges.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost(RolesPath, CreateRoleAsync).WithName("CreateRole").WithSummary("Makes a custom role of the named privileges.")
            .AcceptsJson<ApiRoleCreate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut(RolesPath + "/{name}", UpdateRoleAsync).WithName("UpdateRole")
            .WithSummary("Gives a custom role new privileges; every grant of it gives them from then on. Built-in roles: 409.")
            .AcceptsJson<ApiRoleUpdate>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapDelete(RolesPath + "/{name}", DeleteRoleAsync).WithName("DeleteRole")
            .WithSummary("Deletes a custom role nobody is granted any more. Built-in roles and roles still granted: 409.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<GroupView>>, ProblemHttpResult>> ListGroupsAsync(
        RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        await rights.MayAdministerAsync() ? TypedResults.Ok(await rights.GroupsAsync(cancellationToken)) : RightsApi.Problem(texts, RightsErrors.Forbidden);

    private static async Task<Results<Created<GroupView>, ProblemHttpResult>> CreateGroupAsync(
        HttpRequest request, RightsAdmin rights, IStringLocalizer<RightsResource> texts, IStringLocalizer<ApiResource> apiTexts, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiGroupCreate>(request, apiTexts);
        if (body is null)
        {
            return invalid!;
        }

        var result = await rights.CreateGroupAsync(body.Name, cancellationToken);
        return result.Ok
            ? TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}{Groups}/{result.Id}", await GroupAsync(rights, result.Id!.Value, cancellationToken))
            : RightsApi.Problem(texts, result.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteGroupAsync(
        Guid id, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        Done(await rights.DeleteGroupAsync(id, cancellationToken), texts);

    private static async Task<Results<Ok<GroupView>, ProblemHttpResult>> AddMemberAsync(
        Guid id, HttpRequest request, RightsAdmin rights, IStringLocalizer<RightsResource> texts, IStringLocalizer<ApiResource> apiTexts,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiGroupMember>(request, apiTexts);
        if (body is null)
        {
            return invalid!;
        }

        var result = await rights.SetMemberAsync(id, body.UserName, member: true, cancellationToken);
        return result.Ok ? TypedResults.Ok(await GroupAsync(rights, id, cancellationToken)) : RightsApi.Problem(texts, result.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        Guid id, string userName, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        Done(await rights.SetMemberAsync(id, userName, member: false, cancellationToken), texts);

    private static async Task<Results<Ok<IReadOnlyList<ApiRole>>, ProblemHttpResult>> ListRolesAsync(
        RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        await rights.MayAdministerAsync()
            ? TypedResults.Ok<IReadOnlyList<ApiRole>>([.. (await rights.RolesAsync(cancellationToken)).Select(ApiRole.Of)])
            : RightsApi.Problem(texts, RightsErrors.Forbidden);

    private static async Task<Results<Created<ApiRole>, ProblemHttpResult>> CreateRoleAsync(
        HttpRequest request, RightsAdmin rights, IStringLocalizer<RightsResource> texts, IStringLocalizer<ApiResource> apiTexts, CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiRoleCreate>(request, apiTexts);
        if (body is null)
        {
            return invalid!;
        }

        var result = await rights.CreateRoleAsync(body.Name, body.Privileges ?? [], cancellationToken);
        return result.Ok
            ? TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}{RolesPath}/{Uri.EscapeDataString(body.Name!)}", await RoleAsync(rights, body.Name!, cancellationToken))
            : RightsApi.Problem(texts, result.Error!);
    }

    private static async Task<Results<Ok<ApiRole>, ProblemHttpResult>> UpdateRoleAsync(
        string name, HttpRequest request, RightsAdmin rights, IStringLocalizer<RightsResource> texts, IStringLocalizer<ApiResource> apiTexts,
        CancellationToken cancellationToken)
    {
        var (body, invalid) = await ApiBodies.ReadAsync<ApiRoleUpdate>(request, apiTexts);
        if (body is null)
        {
            return invalid!;
        }

        var result = await rights.UpdateRoleAsync(name, body.Privileges ?? [], cancellationToken);
        return result.Ok ? TypedResults.Ok(await RoleAsync(rights, name, cancellationToken)) : RightsApi.Problem(texts, result.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteRoleAsync(
        string name, RightsAdmin rights, IStringLocalizer<RightsResource> texts, CancellationToken cancellationToken) =>
        Done(await rights.DeleteRoleAsync(name, cancellationToken), texts);

    private static Results<NoContent, ProblemHttpResult> Done(RightsChangeResult result, IStringLocalizer<RightsResource> texts) =>
        result.Ok ? TypedResults.NoContent() : RightsApi.Problem(texts, result.Error!);

    private static async Task<GroupView> GroupAsync(RightsAdmin rights, Guid id, CancellationToken cancellationToken) =>
        (await rights.GroupsAsync(cancellationToken)).Single(g => g.Id == id);

    private static async Task<ApiRole> RoleAsync(RightsAdmin rights, string name, CancellationToken cancellationToken) =>
        ApiRole.Of((await rights.RolesAsync(cancellationToken)).Single(r => r.Name == name));
}

/// <summary>A group to make.</summary>
public sealed record ApiGroupCreate(string? Name);

/// <summary>The user to put in a group.</summary>
public sealed record ApiGroupMember(string? UserName);

/// <summary>A custom role to make: its name and privileges (names of <see cref="Security.Permission"/>).</summary>
public sealed record ApiRoleCreate(string? Name, IReadOnlyList<string>? Privileges);

/// <summary>A custom role's new privileges.</summary>
public sealed record ApiRoleUpdate(IReadOnlyList<string>? Privileges);

/// <summary>A role and its privileges; a built-in one cannot be changed.</summary>
public sealed record ApiRole(string Name, IReadOnlyList<string> Privileges, bool BuiltIn)
{
    public static ApiRole Of(RoleView role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return new(role.Name, [.. role.Privileges.Select(p => p.ToString())], role.BuiltIn);
    }
}
