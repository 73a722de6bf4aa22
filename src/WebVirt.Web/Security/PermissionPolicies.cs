namespace WebVirt.Web.Security;

/// <summary>Page-level policy names, one per <see cref="Permission"/>, filled from <see cref="Permissions"/>.</summary>
public static class PermissionPolicies
{
    public const string ViewAuditLog = "Permission." + nameof(Permission.ViewAuditLog);
    public const string ManageUsers = "Permission." + nameof(Permission.ManageUsers);
    public const string OpenConsole = "Permission." + nameof(Permission.OpenConsole);
    public const string CreateGuest = "Permission." + nameof(Permission.CreateGuest);

    public static IServiceCollection AddPermissionPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder().AddPolicies();
        return services;
    }

    private static void AddPolicies(this Microsoft.AspNetCore.Authorization.AuthorizationBuilder builder)
    {
        foreach (var permission in Enum.GetValues<Permission>())
        {
            var roles = Permissions.RolesFor(permission).ToArray();
            builder.AddPolicy(Permissions.PolicyName(permission), policy => policy.RequireAuthenticatedUser().RequireRole(roles));
        }
    }
}
