using Microsoft.EntityFrameworkCore;

namespace WebVirt.Web.Data;

/// <summary>How the console's DbContext talks to PostgreSQL, shared by the app and the design-time tools.</summary>
public static class WebDatabase
{
    public const string ConnectionStringName = "WebVirt";

    /// <summary>Kept apart from the agent's migrations history, since both live in one database.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_web";

    private const int MaxRetries = 2;
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(1);

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsHistoryTable(MigrationsHistoryTable)
            // A database restart or a dropped connection is retried briefly; a longer outage fails
            // fast and the pages show it (Faults/DatabaseHealth) rather than hanging for a minute.
            .EnableRetryOnFailure(MaxRetries, MaxRetryDelay, errorCodesToAdd: null));

    public static IServiceCollection AddWebDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not configured.");

        // The factory serves Blazor circuits (one short-lived context per operation); the scoped
        // context serves ASP.NET Core Identity within a request.
        services.AddDbContextFactory<WebDbContext>(options => Configure(options, connectionString));
        return services;
    }
}
