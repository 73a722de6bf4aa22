using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// The rights' view of what exists: guests from the inventory the agents push, pools and networks read from
/// the host's agent through the provisioning gateway (as the caller, an administrator of rights).
/// </summary>
public sealed class KnownObjects(AgentConnections agents, IProvisioningGateway provisioning) : IKnownObjects
{
    public async Task<bool?> ExistsAsync(RightsPath path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.HostId is not { } hostId || path.Kind is not (RightsPathKind.Guest or RightsPathKind.Pool or RightsPathKind.Network))
        {
            return true;
        }

        if (agents.Hosts.FirstOrDefault(h => h.HostId == hostId) is not { Link: AgentLinkState.Connected })
        {
            return null;
        }

        try
        {
            return path.Kind switch
            {
                RightsPathKind.Guest => agents.Guests.Any(g => g.HostId == hostId && string.Equals(g.Uuid, path.Name, StringComparison.OrdinalIgnoreCase)),
                RightsPathKind.Pool => (await provisioning.ListPoolsAsync(hostId, cancellationToken)).Any(p => p.Name == path.Name),
                _ => (await provisioning.ListNetworksAsync(hostId, cancellationToken)).Any(n => n.Name == path.Name),
            };
        }
        catch (AgentCallException)
        {
            // The agent went away or refused the read in between: as for a disconnected host, nothing can be said.
            return null;
        }
    }
}
