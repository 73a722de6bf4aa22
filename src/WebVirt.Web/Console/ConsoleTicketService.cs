using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using WebVirt.Web.Security;

namespace WebVirt.Web.Console;

/// <summary>
/// One-time console tickets: a browser WebSocket cannot carry the page's antiforgery protection,
/// so the page gets a random ticket bound to user, host, guest and console kind (a serial ticket
/// cannot open the screen), good for one connection within 30 seconds. Only roles <see cref="Permissions"/> allows to open a console get one.
/// </summary>
public sealed class ConsoleTicketService(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _tickets = new(StringComparer.Ordinal);

    /// <summary>A new ticket, or null when the user may not open consoles.</summary>
    public string? Issue(ClaimsPrincipal user, string hostId, string uuid, string kind)
    {
        if (!Permissions.IsAllowed(user, Permission.OpenConsole) || user.Identity?.Name is not { Length: > 0 } userName)
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
    public ConsoleTicketCheck Redeem(string? ticket, ClaimsPrincipal user, string hostId, string uuid, string kind)
    {
        if (!Permissions.IsAllowed(user, Permission.OpenConsole))
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
