using WebVirt.Web.Data;

namespace WebVirt.Web.Faults;

/// <summary>Wires the database health monitor and the outage page into the app.</summary>
public static class FaultsSetup
{
    public static IServiceCollection AddWebVirtFaults(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseHealth>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseHealth>());
        return services;
    }

    /// <summary>After localization (the page speaks the user's language), before anything that reads the database.</summary>
    public static IApplicationBuilder UseWebVirtOutagePage(this IApplicationBuilder app) => app.UseMiddleware<OutagePageMiddleware>();

    /// <summary>After localization too; it looks at the answer after every later step has run.</summary>
    public static IApplicationBuilder UseWebVirtNotFoundPage(this IApplicationBuilder app) => app.UseMiddleware<NotFoundPageMiddleware>();
}
