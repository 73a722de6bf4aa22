using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>Registers the agent gateway: one interface per hub area over one pipeline, per scope (a circuit or a request).</summary>
public static class AgentGatewaySetup
{
    public static IServiceCollection AddAgentGateway(this IServiceCollection services)
    {
        services.AddScoped<AgentCallPipeline>();
        services.AddScoped<IGuestLifecycleGateway, GuestLifecycleGateway>();
        services.AddScoped<IHostGateway, HostGateway>();
        services.AddScoped<IGuestPageGateway, GuestPageGateway>();
        services.AddScoped<IGuestHardwareGateway, GuestHardwareGateway>();
        services.AddScoped<ISnapshotGateway, SnapshotGateway>();
        services.AddScoped<IStorageGateway, StorageGateway>();
        services.AddScoped<INetworkGateway, NetworkGateway>();
        services.AddScoped<IProvisioningGateway, ProvisioningGateway>();
        services.AddScoped<IUsageGateway, UsageGateway>();
        services.AddScoped<IScreenshotGateway, ScreenshotGateway>();
        services.AddScoped<IInventoryGateway, InventoryGateway>();
        services.AddScoped<IMigrationGateway, MigrationGateway>();
        services.AddScoped<IMigrationSettingsGateway, MigrationSettingsGateway>();
        services.AddScoped<Security.Rights.IKnownObjects, KnownObjects>();
        services.AddScoped<MigrationBatchRunner>();
        // One for the console: batches run on when the circuit or request that started them is gone.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MigrationBatches>();
        services.AddHostedService<MigrationBatchResumption>();
        return services;
    }
}
