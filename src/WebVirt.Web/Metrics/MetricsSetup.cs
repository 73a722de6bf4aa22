using Microsoft.AspNetCore.Authorization;
using OpenTelemetry.Metrics;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;

namespace WebVirt.Web.Metrics;

/// <summary>
/// /metrics in Prometheus' text format, by OpenTelemetry's Prometheus exporter: the console's own
/// meter (hosts, guests, agent calls, tasks) and ASP.NET Core's built-in meters (HTTP requests,
/// SignalR and Blazor circuits, Kestrel) and the .NET runtime's. Readable only as <see cref="MetricsAccessHandler"/> says;
/// a token's scrape holds only the hosts and guests <see cref="MetricsRightsFilter"/> lets it see.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    /// <summary>Series per instrument of the console's own meter: room for this many guests (each costs memory up front).</summary>
    public const int MaxSeriesPerInstrument = 5000;

    /// <summary>Meters that ASP.NET Core and .NET create themselves; their series are named by OpenTelemetry's conventions.</summary>
    private static readonly string[] BuiltInMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.Components.Server.Circuits",
        "System.Runtime",
    ];

    public static IServiceCollection AddWebVirtMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MetricsOptions>(configuration.GetSection(MetricsOptions.Section));
        services.AddSingleton<WebVirtMeter>();
        services.AddSingleton<AgentCallMeter>();
        services.AddSingleton<InventoryMetrics>();
        services.AddSingleton<GuestUsageTotals>();
        services.AddSingleton<TaskDurations>();
        services.AddSingleton<IAuthorizationHandler, MetricsAccessHandler>();
        services.AddAuthorizationBuilder().AddPolicy(MetricsAccessRequirement.Policy, policy => policy
            .AddAuthenticationSchemes(ApiTokenClaims.Scheme)
            .AddRequirements(new MetricsAccessRequirement()));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(WebVirtMeter.Name)
            .AddMeter(BuiltInMeters)
            // A series per guest: OpenTelemetry's default of 2000 series per instrument would fold a large host's guests into one overflow series.
            .AddView(instrument => instrument.Meter.Name == WebVirtMeter.Name ? new MetricStreamConfiguration { CardinalityLimit = MaxSeriesPerInstrument } : null)
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapWebVirtMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // The observable instruments exist once their owners do; made here so the first scrape has them.
        app.Services.GetRequiredService<InventoryMetrics>();
        app.Services.GetRequiredService<GuestUsageTotals>();
        app.Services.GetRequiredService<TaskDurations>();
        // After authorization, per request: a token's scrape loses the hosts and guests it may not see.
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<MetricsRightsFilter>(), optionsName: null)
            .RequireAuthorization(MetricsAccessRequirement.Policy);
        return app;
    }
}
