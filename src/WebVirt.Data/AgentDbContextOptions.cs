using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>The one place the provider is configured, so the running agent and dotnet-ef build the same model and history table.</summary>
internal static class AgentDbContextOptions
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(
            connectionString,
            npgsql => npgsql
                .MigrationsHistoryTable(AgentDbContext.MigrationsHistoryTable)
                // A connection the restarted server closed is retried on a fresh one; an outage fails fast.
                .EnableRetryOnFailure(maxRetryCount: 2, maxRetryDelay: TimeSpan.FromSeconds(1), errorCodesToAdd: null));
}
