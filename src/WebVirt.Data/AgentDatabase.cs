using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace WebVirt.Data;

public static class AgentDatabase
{
    // Any fixed number; it names the lock, shared by every agent that migrates this database.
    /// <summary>Command-line switch: apply the migrations, then exit without serving.</summary>
    public const string MigrateSwitch = "--migrate";

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

        // Closing the lock connection releases the lock, also when a migration fails. Nothing
        // pending: no DDL is tried, so an installed agent's role needs no right to change the schema.
        if (!(await db.Database.GetPendingMigrationsAsync(ct)).Any())
        {
            return;
        }

        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                "The agent's database schema is behind this version and this database role may not change it: run the install again "
                + "(or the agent with --migrate and the owner role's connection string).", ex);
        }
    }
}
