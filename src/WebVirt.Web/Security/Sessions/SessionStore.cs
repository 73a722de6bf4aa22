using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security.Sessions;

/// <summary>
/// Server-side sessions: created at sign-in, checked on every authenticated request (from a cache
/// a few seconds old, so the check is cheap), and ended by logout, by the user, by an
/// administrator's change to the account, or by the idle and absolute limits.
/// </summary>
public sealed partial class SessionStore(
    IDbContextFactory<WebDbContext> contexts,
    TimeProvider time,
    IOptionsMonitor<SessionLimits> options,
    SessionCircuits circuits,
    ILogger<SessionStore> logger)
{
    /// <summary>How stale a cached session may be: bounds how late another replica sees an ending.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>Last seen is written at most this often, so busy pages cost no database writes.</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private const int MaxCached = 10_000;

    private readonly ConcurrentDictionary<string, CachedSession> _cache = new(StringComparer.Ordinal);

    /// <summary>Starts a session and returns its id, which goes only into the auth cookie.</summary>
    public async Task<string> CreateAsync(string userId, string? userAgent, string? sourceAddress, CancellationToken cancellationToken = default)
    {
        var id = SessionClaims.NewSessionId();
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.UserSessions.Add(new UserSession
        {
            Id = SessionClaims.KeyOf(id),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = AuditText.Bounded(userAgent, UserSession.UserAgentMaxLength),
            SourceAddress = AuditText.Bounded(sourceAddress, UserSession.AddressMaxLength),
        });
        await db.SaveChangesAsync(cancellationToken);
        return id;
    }

    /// <summary>Whether the session may go on; records it as seen, and ends it when a limit has passed.</summary>
    public async Task<bool> ValidateAsync(string sessionKey, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(sessionKey, out var cached) || now - cached.LoadedAt > CacheFor)
        {
            cached = await LoadAsync(sessionKey, now, cancellationToken);
        }

        if (cached.Ended)
        {
            return false;
        }

        var limits = options.CurrentValue;
        if (now - cached.CreatedAt >= limits.AbsoluteLifetime)
        {
            await EndAsync(sessionKey, SessionEndReasons.Expired, cancellationToken);
            return false;
        }

        if (now - cached.LastSeenAt >= limits.IdleTimeout)
        {
            await EndAsync(sessionKey, SessionEndReasons.Idle, cancellationToken);
            return false;
        }

        if (now - cached.LastSeenAt >= TouchEvery)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.UserSessions
                .Where(session => session.Id == sessionKey && session.EndedAt == null)
                .ExecuteUpdateAsync(update => update.SetProperty(session => session.LastSeenAt, now), cancellationToken);
            cached = cached with { LastSeenAt = now };
        }

        Remember(sessionKey, cached);
        return true;
    }

    /// <summary>The user's sessions that can still be used, most recently seen first.</summary>
    public async Task<IReadOnlyList<UserSession>> ListActiveAsync(string userId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var limits = options.CurrentValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.UserSessions.AsNoTracking()
            .Where(session => session.UserId == userId && session.EndedAt == null)
            .ToListAsync(cancellationToken);
        return open
            .Where(session => now - session.CreatedAt < limits.AbsoluteLifetime && now - session.LastSeenAt < limits.IdleTimeout)
            .OrderByDescending(session => session.LastSeenAt)
            .ToList();
    }

    /// <summary>Ends one session if it belongs to the user; false when it does not (or is gone).</summary>
    public async Task<bool> EndOwnAsync(string userId, string sessionKey, string reason, CancellationToken cancellationToken = default)
    {
        var ended = await EndWhereAsync(session => session.Id == sessionKey && session.UserId == userId, reason, cancellationToken);
        return ended > 0;
    }

    public Task EndAsync(string sessionKey, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync(session => session.Id == sessionKey, reason, cancellationToken);

    /// <summary>Ends every session of the user: their cookies stop working and their circuits close.</summary>
    public Task<int> EndAllForUserAsync(string userId, string reason, CancellationToken cancellationToken = default) =>
        EndWhereAsync(session => session.UserId == userId, reason, cancellationToken);

    private async Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var keys = await db.UserSessions.Where(which).Where(session => session.EndedAt == null)
            .Select(session => session.Id).ToListAsync(cancellationToken);
        if (keys.Count == 0)
        {
            return 0;
        }

        await db.UserSessions.Where(session => keys.Contains(session.Id) && session.EndedAt == null)
            .ExecuteUpdateAsync(
                update => update.SetProperty(session => session.EndedAt, now).SetProperty(session => session.EndReason, reason),
                cancellationToken);
        foreach (var key in keys)
        {
            _cache[key] = CachedSession.Gone(now);
            circuits.Revoke(key);
        }

        SessionsEnded(logger, keys.Count, reason);
        return keys.Count;
    }

    private async Task<CachedSession> LoadAsync(string sessionKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.UserSessions.AsNoTracking()
            .Where(session => session.Id == sessionKey)
            .Select(session => new { session.CreatedAt, session.LastSeenAt, session.EndedAt })
            .SingleOrDefaultAsync(cancellationToken);
        var loaded = row is null || row.EndedAt is not null
            ? CachedSession.Gone(now)
            : new CachedSession(row.CreatedAt, row.LastSeenAt, Ended: false, LoadedAt: now);
        Remember(sessionKey, loaded);
        return loaded;
    }

    private void Remember(string sessionKey, CachedSession session)
    {
        // A crude bound: the cache only saves database reads, so dropping it all is always safe.
        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }

        _cache[sessionKey] = session;
    }

    private sealed record CachedSession(DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool Ended, DateTimeOffset LoadedAt)
    {
        public static CachedSession Gone(DateTimeOffset now) => new(now, now, Ended: true, LoadedAt: now);
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Ended {Count} session(s): {Reason}")]
    private static partial void SessionsEnded(ILogger logger, int count, string reason);
}
