using System.Collections.Frozen;
using WebVirt.Contracts;

namespace WebVirt.Web.Agents;

/// <summary>
/// Every host and guest as of one inventory version, immutable and shared: built once per change
/// (the first time someone reads it) and read by every open page without copying, so a page holds
/// a reference instead of its own list of the whole inventory.
/// </summary>
public sealed class InventorySnapshot
{
    public InventorySnapshot(long version, IReadOnlyList<HostView> hosts, IReadOnlyList<GuestInfo> guests)
    {
        Version = version;
        Hosts = HostNaming.Distinguished(hosts);
        Guests = guests;
        HostNames = Hosts.ToFrozenDictionary(host => host.HostId, host => host.DisplayName, StringComparer.Ordinal);
    }

    public static InventorySnapshot Empty { get; } = new(-1, [], []);

    /// <summary>The <see cref="AgentConnections.Version"/> this snapshot is at least as new as.</summary>
    public long Version { get; }

    public IReadOnlyList<HostView> Hosts { get; }

    /// <summary>Every guest of every host, in no particular order.</summary>
    public IReadOnlyList<GuestInfo> Guests { get; }

    /// <summary>Display names by host id, each told apart from the others (<see cref="HostNaming"/>).</summary>
    public IReadOnlyDictionary<string, string> HostNames { get; }
}
