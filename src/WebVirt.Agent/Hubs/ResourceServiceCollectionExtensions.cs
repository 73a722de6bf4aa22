using WebVirt.Agent.HostChecks;
using WebVirt.Agent.Networks;
using WebVirt.Agent.Storage;

namespace WebVirt.Agent.Hubs;

/// <summary>Registers the storage pool, volume and network services the hub's resource methods use.</summary>
internal static class ResourceServiceCollectionExtensions
{
    public static IServiceCollection AddHostResourcesFeature(this IServiceCollection services)
    {
        services.AddSingleton<StorageService>();
        services.AddSingleton<NetworkService>();
        services.AddSingleton<HostDetailsService>();
        services.AddSingleton<VolumeDownloadService>();
        // No overall timeout: DownloadLimits bounds the connect, the headers and every stall instead.
        services.AddHttpClient(VolumeDownloadService.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(DownloadLimits.Handler);
        return services;
    }

    /// <summary>The HTTP endpoints of the feature (the volume upload and download); the hub methods need no mapping.</summary>
    public static IEndpointRouteBuilder MapHostResourcesFeature(this IEndpointRouteBuilder app) => app.MapVolumeUploadEndpoints().MapVolumeContentEndpoints();
}
