using WebVirt.Contracts;
using WebVirt.Web.Data;

namespace WebVirt.Web.Components.Guest;

/// <summary>One line of a guest's events: a state change the agent recorded, or something a user asked (exactly one is set).</summary>
public sealed record GuestTimelineEntry(DateTimeOffset At, GuestHistoryEntry? State, AuditEntry? Audit)
{
    /// <summary>
    /// Both sources as one list, newest first. At the same instant the user's request comes after
    /// (below) the state change it caused, so reading down goes back in time.
    /// </summary>
    public static IReadOnlyList<GuestTimelineEntry> Merge(IEnumerable<GuestHistoryEntry> history, IEnumerable<AuditEntry> audit) =>
        [.. history.Select(entry => new GuestTimelineEntry(entry.At, entry, null))
            .Concat(audit.Select(entry => new GuestTimelineEntry(entry.At, null, entry)))
            .OrderByDescending(entry => entry.At)
            .ThenBy(entry => entry.Audit is null ? 0 : 1)];
}
