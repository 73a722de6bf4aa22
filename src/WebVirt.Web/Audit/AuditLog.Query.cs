using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Data;

namespace WebVirt.Web.Audit;

/// <summary>Which audit entries to read: each filter left null matches every entry.</summary>
/// <param name="Since">Entries at or after this time.</param>
/// <param name="Until">Entries before this time.</param>
public sealed record AuditQuery(
    string? UserName = null, string? Action = null, string? HostId = null, string? GuestUuid = null, string? Result = null,
    DateTimeOffset? Since = null, DateTimeOffset? Until = null);

public sealed partial class AuditLog
{
    /// <summary>One page of the entries that match, newest first, and how many match in all.</summary>
    public async Task<(IReadOnlyList<AuditEntry> Entries, int Total)> QueryAsync(AuditQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var matching = db.AuditEntries.AsNoTracking();
        matching = query.UserName is { } user ? matching.Where(e => e.UserName == user) : matching;
        matching = query.Action is { } action ? matching.Where(e => e.Action == action) : matching;
        matching = query.HostId is { } host ? matching.Where(e => e.TargetHost == host) : matching;
        matching = query.GuestUuid is { } guest ? matching.Where(e => e.TargetGuestUuid == guest) : matching;
        matching = query.Result is { } result ? matching.Where(e => e.Result == result) : matching;
        matching = query.Since is { } since ? matching.Where(e => e.At >= since) : matching;
        matching = query.Until is { } until ? matching.Where(e => e.At < until) : matching;
        var total = await matching.CountAsync(cancellationToken);
        var entries = await matching.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return (entries, total);
    }
}
