using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data.Tests.Infrastructure;

namespace WebVirt.Data.Tests;

public sealed class MigrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Migrations_apply_to_an_empty_database_and_a_second_run_changes_nothing()
    {
        var services = database.CreateServices();

        await AgentDatabase.MigrateAsync(services, CancellationToken.None);
        await AgentDatabase.MigrateAsync(services, CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(
            db.Database.GetMigrations().LongCount(),
            await database.QueryScalarAsync<long>("SELECT count(*) FROM public.\"__ef_migrations_agent\""));
        Assert.Equal(
            3L,
            await database.QueryScalarAsync<long>(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'agent' AND table_name IN ('Hosts', 'Guests', 'StateChanges')"));
        Assert.Equal(0L, await database.QueryScalarAsync<long>("SELECT count(*) FROM agent.\"Guests\""));
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        var services = database.CreateServices();
        await using var db = await services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add` for src/WebVirt.Data.");
    }
}
