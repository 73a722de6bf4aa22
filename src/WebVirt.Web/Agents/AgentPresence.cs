using System.Collections.Frozen;

namespace WebVirt.Web.Agents;

/// <summary>
/// Which hosts' agents are away and since when, as one immutable snapshot that pages receive as a
/// cascading value: whatever a page shows of an away host is as of that moment, and whatever needs
/// the agent is disabled with <see cref="AwaySince"/> as the reason.
/// </summary>
public sealed class AgentPresence
{
    private readonly FrozenDictionary<string, DateTimeOffset> _awaySince;

    public AgentPresence(IEnumerable<KeyValuePair<string, DateTimeOffset>> awaySince) =>
        _awaySince = awaySince.ToFrozenDictionary(StringComparer.Ordinal);

    public static AgentPresence AllPresent { get; } = new([]);

    /// <summary>Since when the host's agent has been away, or null while it is connected.</summary>
    public DateTimeOffset? AwaySince(string? hostId) =>
        hostId is not null && _awaySince.TryGetValue(hostId, out var since) ? since : null;

    public bool IsAway(string? hostId) => AwaySince(hostId) is not null;

    /// <summary>The current state of every configured host.</summary>
    public static AgentPresence Of(AgentConnections agents) =>
        new(agents.Hosts
            .Select(host => (host.HostId, Since: agents.AwaySince(host.HostId)))
            .Where(host => host.Since is not null)
            .Select(host => KeyValuePair.Create(host.HostId, host.Since!.Value)));

    public bool SameAs(AgentPresence other) =>
        _awaySince.Count == other._awaySince.Count
        && _awaySince.All(entry => other._awaySince.TryGetValue(entry.Key, out var since) && since == entry.Value);
}
