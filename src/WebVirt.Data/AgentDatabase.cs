using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace WebVirt.Data;

public static class AgentDatabase
{
    // Any fixed number; it names the lock, shared by every agent that migrates this database.
    private const long MigrationLockKey = 0x5765_6256_6972_7441;

    /// <summary>Brings the agent's schema up to date before the agent serves anything.</summary>
    /// <remarks>
    /// Safe when several agents start at once against one database: each holds a session-level
    /// advisory lock for the whole run. EF Core's own lock lives only as long as one migration's
    /// transaction, so with several pending migrations two agents could apply the same one.
    /// </remarks>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var lockConnectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        await using var lockConnection = new NpgsqlConnection(lockConnectionString);
        await lockConnection.OpenAsync(ct);
        await using (var acquire = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", lockConnection))
        {
            acquire.Parameters.AddWithValue("key", MigrationLockKey);
            await acquire.ExecuteNonQueryAsync(ct);
        }

        // Closing the lock connection releases the lock, also when a migration fails.
        await db.Database.MigrateAsync(ct);
    }
}
