using WebVirt.Agent.LocalState;
using WebVirt.Agent.Tasks;
using WebVirt.Domain.OsInfo;

namespace WebVirt.Agent.Provisioning;

internal static class ProvisioningServiceCollectionExtensions
{
    /// <summary>Guest creation, cloning, deletion and their tasks.</summary>
    public static IServiceCollection AddProvisioningFeature(this IServiceCollection services)
    {
        services.AddSingleton<LocalStateStore>();
        services.AddSingleton(_ => new OsInfoDatabase());
        services.AddSingleton<TaskTracker>();
        services.AddSingleton<GuestTaskRegistry>();
        services.AddSingleton<ProvisioningService>();
        services.AddHttpClient(InstallTreeFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<InstallTreeFetcher>();
        services.AddSingleton<InstallRestartWatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<InstallRestartWatcher>());
        services.AddSingleton<CloudSeedRemover>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudSeedRemover>());
        services.AddSingleton<LeftoverRemover>();
        services.AddSingleton<InterruptedTaskRecovery>();
        services.AddHostedService(sp => sp.GetRequiredService<InterruptedTaskRecovery>());
        return services;
    }
}
