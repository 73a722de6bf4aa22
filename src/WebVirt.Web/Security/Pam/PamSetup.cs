using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebVirt.Web.Security.Pam;

/// <summary>Registers host account login (off unless WebVirt:Pam:Enabled) and the name rule that keeps it apart.</summary>
public static class PamSetup
{
    public static IServiceCollection AddWebVirtPamLogin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PamOptions>()
            .Bind(configuration.GetSection(PamOptions.Section))
            .Validate(PamRoleMap.AllRolesExist, $"{PamOptions.Section}:GroupRoles maps a group to a role that does not exist; the roles are {string.Join(", ", Roles.All)}.")
            .ValidateOnStart();

        // ':' is allowed in names only for "pam:NAME", which HostAccountNames checks.
        services.Configure<IdentityOptions>(identity =>
        {
            if (!identity.User.AllowedUserNameCharacters.Contains(':', StringComparison.Ordinal))
            {
                identity.User.AllowedUserNameCharacters += ":";
            }
        });
        // Enumerable registrations, so Identity's own validator stays whichever of the two is registered first.
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IUserValidator<IdentityUser>, UserValidator<IdentityUser>>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IUserValidator<IdentityUser>, HostAccountNames>());
        services.AddSingleton<PamAuthenticator>();
        services.AddScoped<PamLogin>();
        services.AddHttpContextAccessor();
        return services;
    }
}
