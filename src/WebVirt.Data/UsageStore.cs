using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>
/// Usage history in PostgreSQL: raw samples as the agent takes them, averaged into coarser tiers
/// and expired per tier by <see cref="CompactAsync"/>, and read back one graph range at a time.
/// A singleton like <see cref="InventoryStore"/>: every call takes its own context from the pool.
/// </summary>
public sealed class UsageStore(IDbContextFactory<AgentDbContext> contextFactory, TimeProvider timeProvider, UsageTiers tiers)
{
    public UsageTiers Tiers => tiers;

    /// <summary>Writes one sampling interval: the host's row and one per guest, at the raw resolution.</summary>
    public Task WriteAsync(string hostId, HostUsageSample host, IReadOnlyList<GuestUsageSample> guests, CancellationToken ct)
    {
        UsageRows.ValidateHostId(hostId);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(guests);
        var resolution = tiers.Raw.ResolutionSeconds;
        var rows = new List<UsageSample>(guests.Count + 1) { UsageRows.FromHost(hostId, resolution, host) };
        rows.AddRange(guests.Select(g => UsageRows.FromGuest(hostId, resolution, g)));

        return StoreWrite.RunAsync(hostId, async token =>
        {
            // One binary COPY per interval: EF's batched INSERTs took most of a second for 500 guests.
            await using var db = await contextFactory.CreateDbContextAsync(token);
            await db.Database.OpenConnectionAsync(token);
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var copy = await connection.BeginBinaryImportAsync(CopyRawCommand, token);
            foreach (var row in rows)
            {
                await copy.StartRowAsync(token);
                await copy.WriteAsync(row.HostId, NpgsqlDbType.Varchar, token);
                if (row.GuestUuid is Guid uuid)
                {
                    await copy.WriteAsync(uuid, NpgsqlDbType.Uuid, token);
                }
                else
                {
                    await copy.WriteNullAsync(token);
                }

                await copy.WriteAsync(row.ResolutionSeconds, NpgsqlDbType.Integer, token);
                await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz, token);
                await copy.WriteAsync(row.CpuPercent, NpgsqlDbType.Double, token);
                await copy.WriteAsync(row.MemoryUsedKiB, NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(row.MemoryTotalKiB, NpgsqlDbType.Bigint, token);
                await copy.WriteAsync(row.DiskReadBytesPerSecond, NpgsqlDbType.Double, token);
                await copy.WriteAsync(row.DiskWriteBytesPerSecond, NpgsqlDbType.Double, token);
                await copy.WriteAsync(row.NetRxBytesPerSecond, NpgsqlDbType.Double, token);
                await copy.WriteAsync(row.NetTxBytesPerSecond, NpgsqlDbType.Double, token);
                await copy.WriteAsync(row.Load1, NpgsqlDbType.Double, token);
            }

            await copy.CompleteAsync(token);
        }, ct);
    }

    private const string CopyRawCommand =
        "COPY " + AgentDbContext.Schema + ".\"UsageSamples\" (\"HostId\", \"GuestUuid\", \"ResolutionSeconds\", \"At\", \"CpuPercent\", "
        + "\"MemoryUsedKiB\", \"MemoryTotalKiB\", \"DiskReadBytesPerSecond\", \"DiskWriteBytesPerSecond\", \"NetRxBytesPerSecond\", "
        + "\"NetTxBytesPerSecond\", \"Load1\") FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// Averages every finished bucket of each coarser tier that is not written yet from the tier
    /// below it, then deletes the rows each tier keeps no longer. Idempotent: a second run at the
    /// same time writes and deletes nothing.
    /// </summary>
    public async Task<UsageCompaction> CompactAsync(string hostId, CancellationToken ct)
    {
        UsageRows.ValidateHostId(hostId);
        var now = timeProvider.GetUtcNow();
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var written = 0;
        var all = tiers.All;
        for (var i = 1; i < all.Count; i++)
        {
            written += await UsageDownsampling.RunAsync(db, hostId, all[i - 1], all[i], now, ct);
        }

        var deleted = 0;
        foreach (var tier in all)
        {
            var cutoff = StoredTime.From(now - tier.Retention);
            var resolution = tier.ResolutionSeconds;
            deleted += await db.UsageSamples
                .Where(s => s.HostId == hostId && s.ResolutionSeconds == resolution && s.At < cutoff)
                .ExecuteDeleteAsync(ct);
        }

        // Raw rows of an earlier sampling interval: two bounded ranges, so the index is not scanned across the current one.
        var raw = tiers.Raw.ResolutionSeconds;
        var rawCutoff = StoredTime.From(now - tiers.Raw.Retention);
        deleted += await db.UsageSamples
            .Where(s => s.HostId == hostId && s.ResolutionSeconds < raw && s.At < rawCutoff)
            .ExecuteDeleteAsync(ct);
        deleted += await db.UsageSamples
            .Where(s => s.HostId == hostId && s.ResolutionSeconds > raw && s.ResolutionSeconds < UsageTiers.FiveMinutes && s.At < rawCutoff)
            .ExecuteDeleteAsync(ct);
        return new UsageCompaction(written, deleted);
    }

    /// <summary>A guest's series for a range, oldest first; empty for a UUID that is malformed or has no history.</summary>
    public async Task<GuestUsageSeries> GetGuestSeriesAsync(string hostId, string uuid, UsageRange range, CancellationToken ct)
    {
        UsageRows.ValidateHostId(hostId);
        var (tier, window) = tiers.For(range);
        if (!Guid.TryParse(uuid, out var key))
        {
            return new GuestUsageSeries(uuid ?? "", range, tier.ResolutionSeconds, []);
        }

        var name = key.ToString("D");
        var from = StoredTime.From(timeProvider.GetUtcNow() - window);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await Tier(db, hostId, tier, from)
            .Where(s => s.GuestUuid == key)
            .OrderBy(s => s.At)
            .ToListAsync(ct);
        return new GuestUsageSeries(name, range, tier.ResolutionSeconds, rows.Select(r => UsageRows.ToGuest(name, r)).ToList());
    }

    public async Task<HostUsageSeries> GetHostSeriesAsync(string hostId, UsageRange range, CancellationToken ct)
    {
        UsageRows.ValidateHostId(hostId);
        var (tier, window) = tiers.For(range);
        var from = StoredTime.From(timeProvider.GetUtcNow() - window);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await Tier(db, hostId, tier, from)
            .Where(s => s.GuestUuid == null)
            .OrderBy(s => s.At)
            .ToListAsync(ct);
        return new HostUsageSeries(range, tier.ResolutionSeconds, rows.Select(UsageRows.ToHost).ToList());
    }

    private static IQueryable<UsageSample> Tier(AgentDbContext db, string hostId, UsageTier tier, DateTimeOffset from)
    {
        var resolution = tier.ResolutionSeconds;
        return db.UsageSamples.AsNoTracking().Where(s => s.HostId == hostId && s.ResolutionSeconds == resolution && s.At >= from);
    }
}
