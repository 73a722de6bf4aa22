using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting;

/// <summary>
/// Bounds the disconnected Blazor circuits the server keeps for reconnecting browsers: each holds
/// its page's components and data until it is dropped, so their number and age are what an idle
/// console's memory grows with after a day of page reloads and closed tabs.
/// </summary>
public static class CircuitRetention
{
    public static IServiceCollection AddWebVirtCircuitRetention(this IServiceCollection services)
    {
        services.AddOptions<CircuitOptions>().Configure<IOptions<WebVirtOptions>>((circuits, webVirt) =>
        {
            circuits.DisconnectedCircuitMaxRetained = Math.Max(0, webVirt.Value.DisconnectedCircuitMaxRetained);
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(Math.Max(1, webVirt.Value.DisconnectedCircuitRetentionSeconds));
        });
        return services;
    }
}
