using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Login;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Security;

/// <summary>ASP.NET Core Identity on the console's database, with the password and lockout policy.</summary>
public static class IdentitySetup
{
    public const string LoginPath = "/login";

    public static IServiceCollection AddWebVirtIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var sessionOptions = configuration.GetSection(SessionLimits.Section).Get<SessionLimits>() ?? new SessionLimits();
        // Identity's refusals are worded from the catalogue (LocalizedIdentityErrors).
        services.AddLocalization();
        services.AddIdentity<IdentityUser, IdentityRole>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Lockout only disables a user on an administrator's word; failed logins are
                // throttled per address by LoginThrottle, so nobody can lock another user out.
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<WebDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddSignInManager<SessionSignInManager>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "WebVirt.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = LoginPath;
            options.AccessDeniedPath = "/";
            // The server-side session decides how long a sign-in lasts (and records why it ended); the
            // cookie outlives it slightly so that decision is the one that applies.
            options.ExpireTimeSpan = sessionOptions.AbsoluteLifetime + TimeSpan.FromMinutes(5);
            options.SlidingExpiration = false;
            options.EventsType = typeof(SessionCookieEvents);
        });

        // The cookie between password and second factor: as strict as the auth cookie (the cookie
        // policy adds Secure on HTTPS), and short-lived.
        services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });

        // A role change or deletion bumps the security stamp; re-check it often so it takes effect soon.
        // A refreshed cookie keeps naming the same server-side session.
        services.Configure<SecurityStampValidatorOptions>(options =>
        {
            options.ValidationInterval = TimeSpan.FromMinutes(1);
            options.OnRefreshingPrincipal = context =>
            {
                if (context.CurrentPrincipal?.FindFirst(SessionClaims.SessionId) is { } session
                    && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity)
                {
                    identity.AddClaim(new System.Security.Claims.Claim(SessionClaims.SessionId, session.Value));
                }

                return Task.CompletedTask;
            };
        });

        services.Configure<SessionLimits>(configuration.GetSection(SessionLimits.Section));
        services.AddSingleton<SessionCircuits>();
        services.AddSingleton<SessionStore>();
        services.AddScoped<SessionCookieEvents>();
        services.AddSingleton<LoginThrottle>();
        services.AddScoped<DummyPasswordHash>();
        services.AddScoped<IPasswordCheck, IdentityPasswordCheck>();
        services.AddScoped<LoginService>();
        // DatabaseInitializer runs it once the schema is current.
        services.AddScoped<IDatabaseSeed, IdentitySeed>();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddPermissionPolicies();
        return services;
    }
}
