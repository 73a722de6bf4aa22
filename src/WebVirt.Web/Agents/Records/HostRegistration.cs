using System.Collections.Concurrent;
using WebVirt.Contracts;
using WebVirt.Data;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Makes sure a host's row exists before anything it reported is written under it (usage rows and
/// guest rows refer to it). The row is written from the host card the agent last pushed, once per
/// host and process and again when the card's versions or name change.
/// </summary>
public sealed class HostRegistration(InventoryStore store, AgentConnections agents)
{
    private readonly ConcurrentDictionary<string, (string Hostname, string Libvirt, string Hypervisor)> _registered = new(StringComparer.Ordinal);

    /// <summary>False while the agent has not yet told the web what its host is (nothing is written for it then).</summary>
    public async Task<bool> EnsureAsync(string hostId, CancellationToken ct)
    {
        if (agents.HostOf(hostId) is not HostInfo host)
        {
            return false;
        }

        var card = (host.Hostname, host.LibvirtVersion, host.HypervisorVersion);
        if (_registered.TryGetValue(hostId, out var known) && known == card)
        {
            return true;
        }

        await store.EnsureHostAsync(hostId, host.Hostname, host.LibvirtVersion, host.HypervisorVersion, ct);
        _registered[hostId] = card;
        return true;
    }
}
