using Microsoft.EntityFrameworkCore;

namespace WebVirt.Web.Data;

/// <summary>How the console's DbContext talks to PostgreSQL, shared by the app and the design-time tools.</summary>
public static class WebDatabase
{
    public const string ConnectionStringName = "WebVirt";

    /// <summary>Kept apart from the agent's migrations history, since both live in one database.</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_web";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable));

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
