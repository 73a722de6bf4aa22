using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Console;

/// <summary>
/// One-time console tickets: a browser WebSocket cannot carry the page's antiforgery protection,
/// so the page gets a random ticket bound to user, host, guest and console kind (a serial ticket
/// cannot open the screen), good for one connection within 30 seconds. Only a user the <see cref="RightsEvaluator"/> lets open
/// this guest's console gets one, and the check is made again when it is redeemed.
/// </summary>
public sealed class ConsoleTicketService(TimeProvider time, RightsEvaluator rights)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    /// <summary>A new ticket, or null when the user may not open this guest's console.</summary>
    public async Task<string?> IssueAsync(ClaimsPrincipal user, string hostId, string uuid, string kind)
    {
        if (!await MayOpenAsync(user, hostId, uuid) || user.Identity?.Name is not { Length: > 0 } userName)
        {
            return null;
        }

        var now = time.GetUtcNow();
        Purge(now);
        var ticket = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tickets[ticket] = new Entry(userName, hostId, uuid, kind, now + Lifetime);
        return ticket;
    }

    /// <summary>Checks a ticket and, whatever the answer, uses it up so it can never be tried again.</summary>
    public async Task<ConsoleTicketCheck> RedeemAsync(string? ticket, ClaimsPrincipal user, string hostId, string uuid, string kind)
    {
        if (!await MayOpenAsync(user, hostId, uuid))
        {
            return ConsoleTicketCheck.Forbidden;
        }

        if (string.IsNullOrEmpty(ticket))
        {
            return ConsoleTicketCheck.Missing;
        }

        if (!_tickets.TryRemove(ticket, out var entry))
        {
            return ConsoleTicketCheck.UnknownOrUsed;
        }

        if (time.GetUtcNow() > entry.ExpiresAt)
        {
            return ConsoleTicketCheck.Expired;
        }

        if (!string.Equals(entry.UserName, user.Identity?.Name, StringComparison.Ordinal))
        {
            return ConsoleTicketCheck.OtherUser;
        }

        if (!string.Equals(entry.HostId, hostId, StringComparison.Ordinal) || !string.Equals(entry.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
        {
            return ConsoleTicketCheck.OtherGuest;
        }

        if (!string.Equals(entry.Kind, kind, StringComparison.Ordinal))
        {
            return ConsoleTicketCheck.OtherKind;
        }

        return ConsoleTicketCheck.Accepted;
    }

    /// <summary>Whether the user may open this guest's console (asked before the agent is, so a hidden guest's state never shows).</summary>
    public async Task<bool> MayOpenAsync(ClaimsPrincipal user, string hostId, string uuid) =>
        Guid.TryParse(uuid, out _) && await rights.AllowsAsync(user, Permission.OpenConsole, RightsTarget.Guest(hostId, uuid));

    private void Purge(DateTimeOffset now)
    {
        foreach (var (key, entry) in _tickets)
        {
            if (now > entry.ExpiresAt)
            {
                _tickets.TryRemove(key, out _);
            }
        }
    }

    private sealed record Entry(string UserName, string HostId, string Uuid, string Kind, DateTimeOffset ExpiresAt);
}
