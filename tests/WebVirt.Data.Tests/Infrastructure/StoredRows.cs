using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>Reads back what the store wrote, through a context of its own.</summary>
public static class StoredRows
{
    public static async Task<Dictionary<Guid, GuestRecord>> GuestsAsync(this MigratedDatabase database, string hostId)
    {
        await using var db = await CreateAsync(database);
        return await db.Guests.AsNoTracking().Where(g => g.HostId == hostId).ToDictionaryAsync(g => g.Uuid);
    }

    public static async Task<List<GuestStateChange>> ChangesAsync(this MigratedDatabase database, string hostId)
    {
        await using var db = await CreateAsync(database);
        return await db.StateChanges.AsNoTracking().Where(c => c.HostId == hostId).OrderBy(c => c.Id).ToListAsync();
    }

    private static Task<AgentDbContext> CreateAsync(MigratedDatabase database) =>
        database.Services.GetRequiredService<IDbContextFactory<AgentDbContext>>().CreateDbContextAsync();
}
