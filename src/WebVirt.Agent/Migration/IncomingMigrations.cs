using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using WebVirt.Contracts;

namespace WebVirt.Agent.Migration;

/// <summary>
/// The destination's grants: each lets the source agent that presents its token open one control
/// stream (its libvirt connection to this host's libvirtd) and, while that stream is open, the data
/// streams of the same migration. Closing the control stream ends the grant, so a token serves one
/// migration only; an unused grant ends at its expiry. Only the token's hash is kept.
/// </summary>
internal sealed class IncomingMigrations(TimeProvider time)
{
    public const int MinimumTokenLength = 32;
    public static readonly TimeSpan LongestValidity = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    public enum Check
    {
        Valid,
        Unknown,
        Used,
        NotOpen,
    }

    /// <summary>Null when the grant is accepted; else the request's field that is wrong.</summary>
    public string? Allow(IncomingMigrationGrant grant)
    {
        Prune();
        if (grant.GrantId is null || !Guid.TryParseExact(grant.GrantId, "N", out _))
        {
            return nameof(grant.GrantId);
        }

        if (grant.Token is not { Length: >= MinimumTokenLength })
        {
            return nameof(grant.Token);
        }

        var now = time.GetUtcNow();
        if (grant.ExpiresAt <= now || grant.ExpiresAt > now + LongestValidity)
        {
            return nameof(grant.ExpiresAt);
        }

        return _grants.TryAdd(grant.GrantId, new Grant(Hash(grant.Token), grant.ExpiresAt)) ? null : nameof(grant.GrantId);
    }

    /// <summary>Whether a grant could open its control stream now, without using it.</summary>
    public Check Peek(string grantId, string? token) =>
        Find(grantId, token) switch
        {
            null => Check.Unknown,
            { ControlOpened: true } => Check.Used,
            _ => Check.Valid,
        };

    /// <summary>Uses the grant for its one control stream; dispose the lease when that stream closed.</summary>
    public (Check Check, IDisposable? Lease) OpenControl(string grantId, string? token)
    {
        var grant = Find(grantId, token);
        if (grant is null)
        {
            return (Check.Unknown, null);
        }

        lock (grant)
        {
            if (grant.ControlOpened)
            {
                return (Check.Used, null);
            }

            grant.ControlOpened = true;
            grant.ControlOpen = true;
        }

        return (Check.Valid, new Lease(this, grantId, grant));
    }

    /// <summary>A data stream (memory, disks) is allowed while the grant's control stream is open.</summary>
    public Check AllowData(string grantId, string? token)
    {
        var grant = Find(grantId, token);
        if (grant is null)
        {
            return Check.Unknown;
        }

        lock (grant)
        {
            return grant.ControlOpen ? Check.Valid : Check.NotOpen;
        }
    }

    private Grant? Find(string grantId, string? token)
    {
        if (token is null || !_grants.TryGetValue(grantId, out var grant))
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(grant.TokenHash, Hash(token)))
        {
            return null;
        }

        // An unused grant ends at its expiry; one in use lives as long as its control stream.
        return grant.ControlOpen || (!grant.ControlOpened && grant.ExpiresAt > time.GetUtcNow()) ? grant : null;
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, grant) in _grants)
        {
            if (!grant.ControlOpen && grant.ExpiresAt <= now)
            {
                _grants.TryRemove(id, out _);
            }
        }
    }

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    private sealed class Grant(byte[] tokenHash, DateTimeOffset expiresAt)
    {
        public byte[] TokenHash { get; } = tokenHash;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool ControlOpened { get; set; }

        public bool ControlOpen { get; set; }
    }

    private sealed class Lease(IncomingMigrations owner, string grantId, Grant grant) : IDisposable
    {
        public void Dispose()
        {
            lock (grant)
            {
                grant.ControlOpen = false;
            }

            owner._grants.TryRemove(grantId, out _);
        }
    }
}
