using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// The guests' tags as the web last saw them: the notes of every guest page read and every notes change
/// go through the gateway, which records them here. Tags live with the guest's notes on its host's agent;
/// this index only spares a call per guest and per check.
/// </summary>
public sealed class GuestTagIndex : IGuestTags
{
    private readonly ConcurrentDictionary<(string HostId, string Uuid), string[]> _tags = new();

    public IReadOnlyList<string> TagsOf(string hostId, string uuid) =>
        _tags.TryGetValue((hostId, uuid.ToLowerInvariant()), out var tags) ? tags : [];

    public void Record(string hostId, string uuid, GuestNotes? notes)
    {
        if (notes is null)
        {
            return;
        }

        _tags[(hostId, uuid.ToLowerInvariant())] = [.. notes.Tags.Select(tag => tag.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
    }
}
