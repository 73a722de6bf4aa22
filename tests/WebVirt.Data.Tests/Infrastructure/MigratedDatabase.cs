using Microsoft.Extensions.DependencyInjection;

namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>A test class's database with the agent schema applied the way the agent applies it at start.</summary>
public sealed class MigratedDatabase : PostgresDatabase
{
    private IServiceProvider? services;

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The database is not initialized.");

    public InventoryStore Store => Services.GetRequiredService<InventoryStore>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        try
        {
            services = CreateServices();
            await AgentDatabase.MigrateAsync(services, CancellationToken.None);
        }
        catch
        {
            // Dropping here does not rely on the runner disposing a fixture whose initialization failed; a second drop is harmless.
            await DisposeAsync();
            throw;
        }
    }
}
