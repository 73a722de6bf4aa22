using Microsoft.AspNetCore.Authorization;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Security;

/// <summary>
/// Page-level policy names, one per <see cref="Permission"/>, decided by the <see cref="RightsEvaluator"/>:
/// a page opens to whoever holds its privilege somewhere (what the page then shows is filtered by the same
/// check); the administration pages need theirs on "/", the new-guest wizard its own on "/" or a host.
/// </summary>
public static class PermissionPolicies
{
    public const string ViewAuditLog = "Permission." + nameof(Permission.ViewAuditLog);
    public const string ManageUsers = "Permission." + nameof(Permission.ManageUsers);
    public const string OpenConsole = "Permission." + nameof(Permission.OpenConsole);
    public const string CreateGuest = "Permission." + nameof(Permission.CreateGuest);

    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicies();
        services.AddSingleton<IAuthorizationHandler, RightsAuthorizationHandler>();
        return services;
    }

    /// <summary>Privileges over the whole console rather than over objects: only a grant on "/" gives them.</summary>
    public static bool IsGlobal(Permission permission) =>
        permission is Permission.ViewAuditLog or Permission.ManageUsers or Permission.ManageHosts;

    /// <summary>Privileges used on a host rather than on an object (a new guest has no path yet): a grant on "/" or a host gives them.</summary>
    public static bool IsHostWide(Permission permission) => permission is Permission.CreateGuest;

    private static void AddPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            builder.AddPolicy(Permissions.PolicyName(permission),
                policy => policy.RequireAuthenticatedUser().AddRequirements(new RightsRequirement(permission)));
        }
    }
}

/// <summary>The requirement of a page policy: one privilege.</summary>
public sealed record RightsRequirement(Permission Permission) : IAuthorizationRequirement;

/// <summary>Decides page policies with the one rights check.</summary>
public sealed class RightsAuthorizationHandler(RightsEvaluator evaluator) : AuthorizationHandler<RightsRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, RightsRequirement requirement)
    {
        var rights = await evaluator.ForAsync(context.User);
        var permission = requirement.Permission;
        var allowed = PermissionPolicies.IsGlobal(permission) ? rights.AllowsEverywhere(permission)
            : PermissionPolicies.IsHostWide(permission) ? rights.AllowsOnSomeHost(permission)
            : rights.AllowsAnywhere(permission);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
