using WebVirt.Web.Configuration;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>Registers TOTP two-factor login (Identity's authenticator provider) and its setting.</summary>
public static class TwoFactorSetup
{
    public static IServiceCollection AddWebVirtTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TwoFactorOptions>(configuration.GetSection(WebVirtOptions.Section));
        services.AddSingleton<TwoFactorPolicy>();
        services.AddScoped<TwoFactorAccount>();
        services.AddScoped<TwoFactorSignIn>();
        return services;
    }
}
