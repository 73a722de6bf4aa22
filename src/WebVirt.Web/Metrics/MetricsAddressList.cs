using System.Net;

namespace WebVirt.Web.Metrics;

/// <summary>
/// <see cref="MetricsOptions.AllowedAddresses"/> parsed once: single addresses become /32 or /128
/// networks; an entry that is neither is left out (and logged), so a typo never widens the list.
/// </summary>
public sealed class MetricsAddressList
{
    private readonly IReadOnlyList<IPNetwork> _networks;

    public MetricsAddressList(IEnumerable<string> entries, Action<string>? onInvalid = null)
    {
        var networks = new List<IPNetwork>();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (IPAddress.TryParse(entry, out var address))
            {
                address = Normalize(address);
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                onInvalid?.Invoke(entry);
            }
        }

        _networks = networks;
    }

    public int Count => _networks.Count;

    /// <summary>Whether the client address is in the list (an IPv4 address mapped into IPv6 counts as the IPv4 one).</summary>
    public bool Allows(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var normalized = Normalize(address);
        return _networks.Any(network => network.Contains(normalized));
    }

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
