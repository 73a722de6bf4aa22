using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>
/// The web's migration batches in PostgreSQL: written whole on every step a guest takes, read back when the web
/// starts. Only the newest ended batches are kept; the guests' outcomes stay in the audit log.
/// </summary>
public sealed class MigrationBatchStore(IDbContextFactory<AgentDbContext> contextFactory)
{
    /// <summary>Writes the batch as it stands now, inserting it the first time.</summary>
    public async Task SaveAsync(MigrationBatchRecord batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrEmpty(batch.Id);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(batch.Id.Length, MigrationBatchRecord.IdMaxLength, nameof(batch));
        var row = Stored(batch);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var updated = await db.MigrationBatches.Where(b => b.Id == row.Id).ExecuteUpdateAsync(set => set
            .SetProperty(b => b.Guests, row.Guests)
            .SetProperty(b => b.EndedAt, row.EndedAt)
            .SetProperty(b => b.CancelledBy, row.CancelledBy), ct);
        if (updated == 0)
        {
            db.MigrationBatches.Add(row);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The batches still running and the <paramref name="endedKept"/> newest ended ones, the oldest first.</summary>
    public async Task<IReadOnlyList<MigrationBatchRecord>> LoadAsync(int endedKept, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endedKept);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var running = await db.MigrationBatches.AsNoTracking().Where(b => b.EndedAt == null).ToListAsync(ct);
        var ended = await db.MigrationBatches.AsNoTracking().Where(b => b.EndedAt != null)
            .OrderByDescending(b => b.EndedAt).ThenByDescending(b => b.Id).Take(endedKept).ToListAsync(ct);
        return [.. running.Concat(ended).OrderBy(b => b.StartedAt).ThenBy(b => b.Id, StringComparer.Ordinal)];
    }

    /// <summary>Deletes the ended batches beyond the <paramref name="endedKept"/> newest; the running ones stay.</summary>
    public async Task<int> PruneAsync(int endedKept, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(endedKept);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var kept = db.MigrationBatches.Where(b => b.EndedAt != null)
            .OrderByDescending(b => b.EndedAt).ThenByDescending(b => b.Id).Take(endedKept).Select(b => b.Id);
        return await db.MigrationBatches.Where(b => b.EndedAt != null && !kept.Contains(b.Id)).ExecuteDeleteAsync(ct);
    }

    private static MigrationBatchRecord Stored(MigrationBatchRecord batch) => new()
    {
        Id = batch.Id,
        StartedBy = Cut(batch.StartedBy, MigrationBatchRecord.UserMaxLength),
        StartedById = batch.StartedById,
        StartedByTokenId = batch.StartedByTokenId,
        SourceHostId = batch.SourceHostId,
        DestinationHostId = batch.DestinationHostId,
        Choice = batch.Choice,
        Guests = batch.Guests,
        StartedAt = StoredTime.From(batch.StartedAt),
        EndedAt = batch.EndedAt is { } ended ? StoredTime.From(ended) : null,
        CancelledBy = batch.CancelledBy is { } by ? Cut(by, MigrationBatchRecord.UserMaxLength) : null,
    };

    private static string Cut(string text, int max) => text.Length > max ? text[..max] : text;
}
