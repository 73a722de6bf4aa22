using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace WebVirt.Data;

public static class AgentDatabase
{
    /// <summary>Brings the agent's schema up to date before the agent serves anything.</summary>
    /// <remarks>
    /// Safe when several agents start at once against one database: Npgsql creates the history table tolerating a
    /// concurrent creator, and EF Core then holds an exclusive lock on that table while it reads what is applied and
    /// applies the rest, so each migration runs exactly once.
    /// </remarks>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        var factory = services.GetRequiredService<IDbContextFactory<AgentDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
    }
}
