using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace WebVirt.Web.Storage;

/// <summary>
/// One-time permissions for a single upload, issued to a user on the storage page and redeemed by
/// the upload endpoint: random, bound to the user, host, pool, file name and size, good for one
/// minute. The endpoint's POST carries it in a header, which a cross-site form cannot set, so it
/// stands in for an antiforgery token.
/// </summary>
public sealed class UploadTickets(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, Ticket> _tickets = new(StringComparer.Ordinal);

    public string Issue(string userName, string hostId, string pool, string fileName, long size)
    {
        var now = time.GetUtcNow();
        foreach (var (key, old) in _tickets)
        {
            if (old.Expires < now)
            {
                _tickets.TryRemove(key, out _);
            }
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tickets[token] = new Ticket(userName, hostId, pool, fileName, size, now + Lifetime);
        return token;
    }

    /// <summary>True once for a matching, unexpired ticket; the ticket is gone afterwards either way.</summary>
    public bool Redeem(string? token, string userName, string hostId, string pool, string fileName, long? size) =>
        token is not null
        && _tickets.TryRemove(token, out var ticket)
        && ticket.Expires >= time.GetUtcNow()
        && ticket == ticket with { UserName = userName, HostId = hostId, Pool = pool, FileName = fileName, Size = size ?? -1 };

    private sealed record Ticket(string UserName, string HostId, string Pool, string FileName, long Size, DateTimeOffset Expires);
}
