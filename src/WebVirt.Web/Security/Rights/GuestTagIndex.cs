using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// The guests' tags, for grants on a tag: filled from the web's notes store at start
/// (<see cref="Agents.Records.GuestTagIndexLoader"/>), then by every notes change and guest page read
/// through the gateway, so a check costs no database round trip.
/// </summary>
public sealed class GuestTagIndex : IGuestTags
{
    private readonly ConcurrentDictionary<(string HostId, string Uuid), string[]> _tags = new();

    public IReadOnlyList<string> TagsOf(string hostId, string uuid) =>
        _tags.TryGetValue((hostId, uuid.ToLowerInvariant()), out var tags) ? tags : [];

    /// <summary>Tags read from the store at start: a tag recorded since (a newer save or page read) is kept.</summary>
    public void Load(string hostId, string uuid, IReadOnlyList<string> tags) =>
        _tags.TryAdd((hostId, uuid.ToLowerInvariant()), Normalize(tags));

    public void Record(string hostId, string uuid, GuestNotes? notes)
    {
        if (notes is null)
        {
            return;
        }

        _tags[(hostId, uuid.ToLowerInvariant())] = Normalize(notes.Tags);
    }

    private static string[] Normalize(IEnumerable<string> tags) =>
        [.. tags.Select(tag => tag.ToLowerInvariant()).Distinct(StringComparer.Ordinal)];
}
