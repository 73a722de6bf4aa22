using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WebVirt.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers a pooled <see cref="IDbContextFactory{AgentDbContext}"/> and the singleton stores.</summary>
    public static IServiceCollection AddWebVirtData(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        // A factory rather than a scoped context: the store is a singleton called from background threads with no scope.
        services.AddPooledDbContextFactory<AgentDbContext>(options => AgentDbContextOptions.Configure(options, connectionString));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InventoryStore>();
        services.TryAddSingleton<MigrationSettingsStore>();
        services.TryAddSingleton<MigrationBatchStore>();
        return services;
    }
}
