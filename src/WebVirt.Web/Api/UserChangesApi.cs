using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using WebVirt.Contracts;
using WebVirt.Web.Resources;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Api;

/// <summary>
/// The Users page's changes: create, change the role, disable or enable, set a password, delete,
/// through the page's own service (its checks, its refusals, its audit records, the sessions it
/// ends). For administrators only, as the page: a token of administer scope whose owner is one.
/// A password goes to the service and nowhere else: never answered, never audited, never logged.
/// </summary>
public static class UserChangesApi
{
    private const string UserPath = "/users/{userId}";

    public static RouteGroupBuilder MapUserChangesApi(this RouteGroupBuilder api)
    {
        Describe(api.MapGet(UserPath, GetAsync).WithName("GetUser").WithSummary("One user with their role and whether they are disabled."));
        Describe(api.MapPost("/users", CreateAsync).WithName("CreateUser")
            .WithSummary("Creates a user with a password and a role (Administrator, Operator, Viewer), as the Users page does."))
            .AcceptsJson<ApiUserCreate>();
        Describe(api.MapPut(UserPath + "/role", ChangeRoleAsync).WithName("UpdateUserRole")
            .WithSummary("Gives the user another role; their sessions end, so they sign in again with it. Your own Administrator role cannot be taken away."))
            .AcceptsJson<ApiUserRole>();
        Describe(api.MapPut(UserPath + "/password", SetPasswordAsync).WithName("SetUserPassword")
            .WithSummary("Sets a new password for another user; all their sessions end."))
            .AcceptsJson<ApiUserPassword>();
        Describe(api.MapPost(UserPath + "/disable", DisableAsync).WithName("DisableUser")
            .WithSummary("Disables another user: no sign-in, all their sessions end, their API tokens are refused."));
        Describe(api.MapPost(UserPath + "/enable", EnableAsync).WithName("EnableUser").WithSummary("Enables a disabled user again."));
        Describe(api.MapDelete(UserPath, DeleteAsync).WithName("DeleteUser").WithSummary("Deletes another user; their sessions end."));
        return api;
    }

    private static RouteHandlerBuilder Describe(RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Ok<UserSummary>, ProblemHttpResult>> GetAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts)
    {
        if (Prepare(http, authentication, "list-users") is { } refused)
        {
            return refused;
        }

        var found = (await users.ListAsync(http.RequestAborted)).FirstOrDefault(user => user.Id == userId);
        return found is null ? Missing(texts, userId) : TypedResults.Ok(found);
    }

    private static async Task<Results<Created<UserSummary>, ProblemHttpResult>> CreateAsync(
        HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts)
    {
        if (Prepare(http, authentication, "user-create") is { } refused)
        {
            return refused;
        }

        var (body, invalid) = await ApiBodies.ReadAsync<ApiUserCreate>(http.Request, texts);
        if (body is null)
        {
            return invalid!;
        }

        if ((string.IsNullOrWhiteSpace(body.UserName) ? "userName" : string.IsNullOrEmpty(body.Password) ? "password" : body.Role is null ? "role" : null) is { } field)
        {
            return ApiBodies.Required(texts, field);
        }

        var result = await users.CreateAsync(body.UserName!, body.Password!, body.Role!);
        if (Problem(texts, result, "", body.Role) is { } problem)
        {
            return problem;
        }

        var created = (await users.ListAsync(http.RequestAborted)).First(user => string.Equals(user.UserName, body.UserName!.Trim(), StringComparison.Ordinal));
        return TypedResults.Created($"{ApiSetup.BasePath}/{ApiSetup.Version}/users/{Uri.EscapeDataString(created.Id)}", created);
    }

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ChangeRoleAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts) =>
        ChangeAsync<ApiUserRole>(http, authentication, texts, userId, "user-role", body => body.Role is null ? "role" : null,
            body => users.ChangeRoleAsync(userId, body.Role!), body => body.Role);

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> SetPasswordAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts) =>
        ChangeAsync<ApiUserPassword>(http, authentication, texts, userId, "user-password", body => string.IsNullOrEmpty(body.Password) ? "password" : null,
            body => users.SetPasswordAsync(userId, body.Password!), _ => null);

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> DisableAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts) =>
        ApplyAsync(http, authentication, texts, userId, "user-disable", () => users.SetDisabledAsync(userId, disabled: true));

    private static Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> EnableAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts) =>
        ApplyAsync(http, authentication, texts, userId, "user-enable", () => users.SetDisabledAsync(userId, disabled: false));

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string userId, HttpContext http, UserAdminService users, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts)
    {
        if (Prepare(http, authentication, "user-delete") is { } refused)
        {
            return refused;
        }

        return Problem(texts, await users.DeleteAsync(userId), userId, null) is { } problem ? problem : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ChangeAsync<TBody>(
        HttpContext http, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts, string userId, string action,
        Func<TBody, string?> missingField, Func<TBody, Task<UserChangeResult>> change, Func<TBody, string?> role)
        where TBody : class
    {
        if (Prepare(http, authentication, action) is { } refused)
        {
            return refused;
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

        return Problem(texts, await change(body), userId, role(body)) is { } problem ? problem : TypedResults.Ok(new ApiActionResult(true, null));
    }

    private static async Task<Results<Ok<ApiActionResult>, ProblemHttpResult>> ApplyAsync(
        HttpContext http, AuthenticationStateProvider authentication, IStringLocalizer<ApiResource> texts, string userId, string action,
        Func<Task<UserChangeResult>> change)
    {
        if (Prepare(http, authentication, action) is { } refused)
        {
            return refused;
        }

        return Problem(texts, await change(), userId, null) is { } problem ? problem : TypedResults.Ok(new ApiActionResult(true, null));
    }

    /// <summary>
    /// The page's right, refused as the gateway words a refusal; and the token's user made the one the
    /// page's service reads (from the authentication state, which a request outside a circuit sets itself).
    /// </summary>
    private static ProblemHttpResult? Prepare(HttpContext http, AuthenticationStateProvider authentication, string action)
    {
        if (!Permissions.IsAllowed(http.User, Permission.ManageUsers))
        {
            return ApiProblems.From(ActionResult.Fail(Failure.Of(ErrorCodes.Forbidden, http.User.Identity?.Name ?? "", action).WithHint(HintKeys.Forbidden)));
        }

        if (authentication is IHostEnvironmentAuthenticationStateProvider host)
        {
            host.SetAuthenticationState(Task.FromResult(new AuthenticationState(http.User)));
        }

        return null;
    }

    /// <summary>The service's refusal as a problem; null when the change was made.</summary>
    private static ProblemHttpResult? Problem(IStringLocalizer<ApiResource> texts, UserChangeResult result, string userId, string? role) => result.Error switch
    {
        null when result.Ok => null,
        UserAdminService.ErrorNotFound => Missing(texts, userId),
        UserAdminService.ErrorSelf => ApiProblems.Of(StatusCodes.Status409Conflict, ApiErrorCodes.UserSelf, texts[ApiErrorCodes.UserSelf]),
        UserAdminService.ErrorBadRole => ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.FilterInvalid,
            texts[ApiErrorCodes.FilterInvalid, "role", role ?? "", string.Join(", ", Roles.All)]),
        UserAdminService.ErrorForbidden => ApiProblems.From(ActionResult.Fail(ErrorCodes.Forbidden)),
        // ASP.NET Identity's own wording (a taken name, a password too weak): the client may read it.
        var error => ApiProblems.Of(StatusCodes.Status400BadRequest, ApiErrorCodes.UserRefused, texts[ApiErrorCodes.UserRefused, error ?? ""]),
    };

    private static ProblemHttpResult Missing(IStringLocalizer<ApiResource> texts, string userId) =>
        ApiProblems.Of(StatusCodes.Status404NotFound, ApiErrorCodes.UserMissing, texts[ApiErrorCodes.UserMissing, userId]);
}

/// <summary>A new user: name, password (never answered or recorded) and role.</summary>
public sealed record ApiUserCreate(string? UserName, string? Password, string? Role);

/// <summary>The user's new role: Administrator, Operator or Viewer.</summary>
public sealed record ApiUserRole(string? Role);

/// <summary>The user's new password (never answered or recorded).</summary>
public sealed record ApiUserPassword(string? Password);
