using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>
/// What an administrator tells the console about hosts for migrations: which storage pools every host
/// sees (their disks stay in place) and the address each host's agent takes a migration's streams at.
/// The web checks the right and the input; this store only keeps them.
/// </summary>
public sealed class MigrationSettingsStore(IDbContextFactory<AgentDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>The names of the host's pools marked shared.</summary>
    public async Task<IReadOnlySet<string>> SharedPoolsAsync(string hostId, CancellationToken ct)
    {
        InventoryStore.ValidateHostId(hostId);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var names = await db.SharedPools.Where(p => p.HostId == hostId).Select(p => p.PoolName).ToListAsync(ct);
        return names.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Marks or unmarks a pool; marking again keeps who marked it first.</summary>
    public Task SetPoolSharedAsync(string hostId, string poolName, bool shared, string by, CancellationToken ct)
    {
        InventoryStore.ValidateHostId(hostId);
        ArgumentException.ThrowIfNullOrEmpty(poolName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(poolName.Length, SharedPoolRecord.PoolNameMaxLength, nameof(poolName));
        ArgumentNullException.ThrowIfNull(by);
        return StoreWrite.RunAsync(hostId, async token =>
        {
            await using var db = await contextFactory.CreateDbContextAsync(token);
            var record = await db.SharedPools.SingleOrDefaultAsync(p => p.HostId == hostId && p.PoolName == poolName, token);
            if (shared && record is null)
            {
                db.SharedPools.Add(new SharedPoolRecord
                {
                    HostId = hostId,
                    PoolName = poolName,
                    MarkedBy = by.Length > SharedPoolRecord.UserMaxLength ? by[..SharedPoolRecord.UserMaxLength] : by,
                    MarkedAt = StoredTime.From(timeProvider.GetUtcNow()),
                });
            }
            else if (!shared && record is not null)
            {
                db.SharedPools.Remove(record);
            }

            await db.SaveChangesAsync(token);
        }, ct);
    }

    /// <summary>The address set for the host's migrations, or null for the one the console reaches its agent at.</summary>
    public async Task<string?> MigrationAddressAsync(string hostId, CancellationToken ct)
    {
        InventoryStore.ValidateHostId(hostId);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.Hosts.Where(h => h.HostId == hostId).Select(h => h.MigrationAddress).SingleOrDefaultAsync(ct);
    }

    /// <summary>Sets (or with null clears) the host's migration address; the host must have registered.</summary>
    public async Task SetMigrationAddressAsync(string hostId, string? address, CancellationToken ct)
    {
        InventoryStore.ValidateHostId(hostId);
        if (address is not null)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(address.Length, HostRecord.MigrationAddressMaxLength, nameof(address));
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.Hosts.Where(h => h.HostId == hostId).ExecuteUpdateAsync(s => s.SetProperty(h => h.MigrationAddress, address), ct);
        if (updated == 0)
        {
            throw StoreWrite.HostNotRegistered(hostId, inner: null);
        }
    }
}
