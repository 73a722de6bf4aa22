using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests;

public sealed class ConcurrentMigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    // Agents started together on a fresh install race to create the history table and apply the first migration.
    private const int Agents = 4;

    [Fact]
    public async Task Agents_starting_at_once_on_an_empty_database_apply_each_migration_once()
    {
        var agents = Enumerable.Range(0, Agents).Select(_ => database.CreateServices()).ToArray();
        using var start = new ManualResetEventSlim();

        var migrations = agents
            .Select(services => Task.Run(async () =>
            {
                start.Wait();
                await AgentDatabase.MigrateAsync(services, CancellationToken.None);
            }))
            .ToArray();
        start.Set();
        await Task.WhenAll(migrations);

        await using var db = await agents[0].GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(
            db.Database.GetMigrations().LongCount(),
            await database.QueryScalarAsync<long>("SELECT count(*) FROM public.\"__ef_migrations_agent\""));
    }
}
