using Microsoft.EntityFrameworkCore;
using WebVirt.Data;

namespace WebVirt.Web.Data;

/// <summary>
/// Brings the database to the current schema when it is behind (EF Core takes its migration lock,
/// so several replicas may start at once): the web's own tables, then the agent schema, which holds
/// what agents report and which the web alone reads and writes, then runs the <see cref="IDatabaseSeed"/>s (the roles
/// and the first administrator on an empty database). An installed console's database role may not
/// change the schema: install runs <c>--migrate</c> with the owner role first, so at start nothing
/// is pending and no DDL is tried.
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes) : IHostedService
{
    /// <summary>Command-line switch: apply the migrations, then exit without serving.</summary>
    public const string MigrateSwitch = "--migrate";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await MigrateIfBehindAsync(scope.ServiceProvider.GetRequiredService<WebDbContext>(), cancellationToken);
        await AgentDatabase.MigrateAsync(scope.ServiceProvider, cancellationToken);
        foreach (var seed in scope.ServiceProvider.GetServices<IDatabaseSeed>())
        {
            await seed.SeedAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies the pending migrations only (the <c>--migrate</c> command), then returns.</summary>
    public static async Task MigrateOnlyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await MigrateIfBehindAsync(scope.ServiceProvider.GetRequiredService<WebDbContext>(), cancellationToken);
        await AgentDatabase.MigrateAsync(scope.ServiceProvider, cancellationToken);
    }

    private static async Task MigrateIfBehindAsync(WebDbContext db, CancellationToken cancellationToken)
    {
        // Reading the history needs only SELECT; Migrate would try CREATE TABLE IF NOT EXISTS first.
        if (await db.Database.CanConnectAsync(cancellationToken)
            && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                "The database schema is behind this version and this database role may not change it: run the install again "
                + "(or this program with --migrate and the owner role's connection string).", ex);
        }
    }
}
