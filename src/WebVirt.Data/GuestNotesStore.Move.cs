using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>What moving a migrated guest's records did.</summary>
/// <param name="NotesMoved">The source's notes now belong to the destination.</param>
/// <param name="DestinationNotesKept">The destination already had notes for the guest: those were kept and the source's dropped.</param>
/// <param name="HistoryCopied">State changes from the source copied to the destination.</param>
/// <param name="Notes">The guest's notes on the destination after the move; null when it has none.</param>
public sealed record GuestRecordsMoved(bool NotesMoved, bool DestinationNotesKept, int HistoryCopied, GuestNote? Notes)
{
    public bool ChangedAnything => NotesMoved || DestinationNotesKept || HistoryCopied > 0;
}

public sealed partial class GuestNotesStore
{
    /// <summary>
    /// After a migration of <paramref name="uuid"/> from one host to another, in one transaction: the notes
    /// go to the destination (unless it has its own, which win), and the source's state history older than
    /// the destination's first entry is copied there, so the guest page on the destination shows the whole
    /// history. Doing it again changes nothing. Null when the destination has no record of the guest yet.
    /// </summary>
    public async Task<GuestRecordsMoved?> MoveAsync(string fromHostId, string toHostId, Guid uuid, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromHostId);
        ArgumentException.ThrowIfNullOrWhiteSpace(toHostId);
        if (fromHostId == toHostId)
        {
            throw new ArgumentException("A guest moves between two different hosts.", nameof(toHostId));
        }

        await using var db = await contextFactory.CreateDbContextAsync(ct);

        // The retrying strategy runs the whole transaction again after a dropped connection.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            (From: fromHostId, To: toHostId, Uuid: uuid),
            async (context, move, token) => await MoveInAsync((AgentDbContext)context, move.From, move.To, move.Uuid, token),
            verifySucceeded: null,
            ct);
    }

    private static async Task<GuestRecordsMoved?> MoveInAsync(AgentDbContext db, string fromHostId, string toHostId, Guid uuid, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await db.Guests.AnyAsync(g => g.HostId == toHostId && g.Uuid == uuid, ct))
        {
            return null;
        }

        var source = await db.GuestNotes.SingleOrDefaultAsync(n => n.HostId == fromHostId && n.Uuid == uuid, ct);
        var destination = await db.GuestNotes.SingleOrDefaultAsync(n => n.HostId == toHostId && n.Uuid == uuid, ct);
        bool moved = false, kept = false;
        if (source is not null)
        {
            // The source's copy goes either way: a guest coming back later must not find stale notes there.
            db.GuestNotes.Remove(source);
            if (destination is null)
            {
                destination = new GuestNote
                {
                    HostId = toHostId,
                    Uuid = uuid,
                    Description = source.Description,
                    Tags = [.. source.Tags],
                    UpdatedBy = source.UpdatedBy,
                    UpdatedAt = source.UpdatedAt,
                };
                db.GuestNotes.Add(destination);
                moved = true;
            }
            else
            {
                kept = true;
            }
        }

        // Only what happened before the guest arrived: a second move finds nothing older to copy.
        var arrived = await db.StateChanges.Where(c => c.HostId == toHostId && c.Uuid == uuid).MinAsync(c => (DateTimeOffset?)c.At, ct);
        var earlier = await db.StateChanges.AsNoTracking()
            .Where(c => c.HostId == fromHostId && c.Uuid == uuid && (arrived == null || c.At < arrived))
            .OrderBy(c => c.At).ThenBy(c => c.Id)
            .ToListAsync(ct);
        db.StateChanges.AddRange(earlier.Select(c => new GuestStateChange
        {
            HostId = toHostId,
            Uuid = uuid,
            Name = c.Name,
            FromState = c.FromState,
            ToState = c.ToState,
            Event = c.Event,
            Reason = c.Reason,
            At = c.At,
        }));

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new GuestRecordsMoved(moved, kept, earlier.Count, destination);
    }
}
