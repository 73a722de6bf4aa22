using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Data;

namespace WebVirt.Web.Audit;

/// <summary>Writes and reads the audit log; each call uses its own short-lived context.</summary>
public sealed partial class AuditLog(IDbContextFactory<WebDbContext> contexts, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (entry.At == default)
        {
            entry.At = time.GetUtcNow();
        }

        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            // The user's action already happened; keep it visible in the log file at least.
            WriteFailed(logger, ex, entry.UserName, entry.Action, entry.TargetGuestName, entry.Result);
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> NewestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    /// <summary>What users did to one guest, newest first: the "who did what" of its page.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ForGuestAsync(string hostId, string uuid, int count, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking()
            .Where(entry => entry.TargetHost == hostId && entry.TargetGuestUuid == uuid)
            .OrderByDescending(entry => entry.At).ThenByDescending(entry => entry.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error,
        Message = "Could not write audit entry: {UserName} {Action} {Target} -> {Result}")]
    private static partial void WriteFailed(ILogger logger, Exception exception, string userName, string action, string? target, string result);
}
