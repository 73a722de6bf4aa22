namespace WebVirt.Web.Agents;

/// <summary>
/// Every host of the console shown under a name no other host has: two hosts with the same hostname (clones of one
/// image, several "localhost") would otherwise read the same in the guest list, the destination choice of a
/// migration and an evacuation's banner. Each of those gets its host id beside its name.
/// </summary>
public static class HostNaming
{
    /// <summary><paramref name="hosts"/> as they are when their names differ (ignoring case), else with the shared ones marked.</summary>
    public static IReadOnlyList<HostView> Distinguished(IReadOnlyList<HostView> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var host in hosts)
        {
            seen[host.OwnName] = seen.GetValueOrDefault(host.OwnName) + 1;
        }

        if (seen.Count == hosts.Count)
        {
            return hosts;
        }

        return [.. hosts.Select(host => seen[host.OwnName] > 1 ? host with { NameShared = true } : host)];
    }
}
