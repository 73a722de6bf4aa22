using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WebVirt.Data;

/// <summary>
/// The description and tags of guests, one row per guest, written from the guest page. A singleton
/// like <see cref="InventoryStore"/>: every call takes its own context from the pool.
/// </summary>
public sealed partial class GuestNotesStore(IDbContextFactory<AgentDbContext> contextFactory, TimeProvider timeProvider)
{
    /// <summary>The guest's notes; null when none were ever written.</summary>
    public async Task<GuestNote?> GetAsync(string hostId, Guid uuid, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        return await db.GuestNotes.AsNoTracking().SingleOrDefaultAsync(n => n.HostId == hostId && n.Uuid == uuid, ct);
    }

    /// <summary>Every guest's tags that has any, for the rights on tags to apply from the web's start.</summary>
    public async Task<IReadOnlyList<(string HostId, Guid Uuid, IReadOnlyList<string> Tags)>> GetAllTagsAsync(CancellationToken ct)
    {
        await using var db = await contextFactory.CreateDbContextAsync(ct);
        var rows = await db.GuestNotes.AsNoTracking().Where(n => n.Tags.Count > 0).Select(n => new { n.HostId, n.Uuid, n.Tags }).ToListAsync(ct);
        return [.. rows.Select(r => (r.HostId, r.Uuid, (IReadOnlyList<string>)r.Tags))];
    }

    /// <summary>
    /// Replaces the guest's notes; returns the stored row, or null when the host has no record of
    /// the guest (notes belong to a guest the inventory has seen).
    /// </summary>
    public async Task<GuestNote?> SaveAsync(string hostId, Guid uuid, string description, IReadOnlyList<string> tags, string updatedBy, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(updatedBy);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(description.Length, GuestNote.DescriptionMaxLength, nameof(description));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tags.Count, GuestNote.MaxTags, nameof(tags));
        string user = updatedBy.Length > GuestNote.UserMaxLength ? updatedBy[..GuestNote.UserMaxLength] : updatedBy;

        // Two editors saving at once: the loser of the insert race updates the row the winner made.
        for (int attempt = 1; ; attempt++)
        {
            await using var db = await contextFactory.CreateDbContextAsync(ct);
            if (!await db.Guests.AnyAsync(g => g.HostId == hostId && g.Uuid == uuid, ct))
            {
                return null;
            }

            var note = await db.GuestNotes.SingleOrDefaultAsync(n => n.HostId == hostId && n.Uuid == uuid, ct);
            if (note is null)
            {
                note = new GuestNote { HostId = hostId, Uuid = uuid };
                db.GuestNotes.Add(note);
            }

            note.Description = description;
            note.Tags = [.. tags];
            note.UpdatedBy = user;
            note.UpdatedAt = StoredTime.From(timeProvider.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                return note;
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 3)
            {
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
            {
                // The guest's record went away between the check and the write.
                return null;
            }
        }
    }
}
