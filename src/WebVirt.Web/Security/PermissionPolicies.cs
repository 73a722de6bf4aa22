using Microsoft.AspNetCore.Authorization;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Security;

/// <summary>
/// Page-level policy names, one per <see cref="Permission"/>, decided by the <see cref="RightsEvaluator"/>:
/// a page opens to whoever holds its privilege somewhere (what the page then shows is filtered by the same
/// check); the administration pages need theirs on "/".
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
        var allowed = PermissionPolicies.IsGlobal(requirement.Permission)
            ? rights.AllowsEverywhere(requirement.Permission)
            : rights.AllowsAnywhere(requirement.Permission);
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}
