namespace WebVirt.Agent.Migration;

internal static class MigrationServiceCollectionExtensions
{
    /// <summary>Migrations from and to this host, and the destination's stream endpoints.</summary>
    public static IServiceCollection AddMigrationFeature(this IServiceCollection services)
    {
        services.AddSingleton<IncomingMigrations>();
        services.AddSingleton<MigrationService>();
        return services;
    }
}
