using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace WebVirt.Web.Hosting.Tls;

/// <summary>
/// The names and addresses by which browsers reach this host: what the self-signed certificate
/// covers and which Host headers are allowed.
/// </summary>
public sealed record HostIdentity(IReadOnlyList<string> DnsNames, IReadOnlyList<IPAddress> Addresses)
{
    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Host name, its FQDN where DNS or /etc/hosts knows one, localhost, and every interface address.</summary>
    public static async Task<HostIdentity> DiscoverAsync(CancellationToken cancellationToken)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal) { "localhost" };
        var hostName = Dns.GetHostName().ToLowerInvariant();
        AddName(names, hostName);
        AddName(names, await LookUpFqdnAsync(hostName, cancellationToken));

        var addresses = new HashSet<IPAddress> { IPAddress.Loopback, IPAddress.IPv6Loopback };
        foreach (var networkInterface in SafeInterfaces())
        {
            foreach (var unicast in networkInterface.GetIPProperties().UnicastAddresses)
            {
                if (IsReachableAddress(unicast.Address))
                {
                    addresses.Add(WithoutScope(unicast.Address));
                }
            }
        }

        return new HostIdentity([.. names], [.. addresses.OrderBy(a => a.AddressFamily).ThenBy(a => a.ToString(), StringComparer.Ordinal)]);
    }

    /// <summary>The same set of names and addresses, whatever the order.</summary>
    public bool SameAs(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses) =>
        new HashSet<string>(dnsNames, StringComparer.OrdinalIgnoreCase).SetEquals(DnsNames)
        && new HashSet<IPAddress>(addresses).SetEquals(Addresses);

    /// <summary>
    /// Every name and address of the host is among these (a certificate's): when the host gets a
    /// new name or address, its self-signed certificate is made again. One that merely lost an
    /// address (a virtual network stopped) keeps its certificate, so browsers need not accept a
    /// new one each time.
    /// </summary>
    public bool CoveredBy(IEnumerable<string> dnsNames, IEnumerable<IPAddress> addresses) =>
        new HashSet<string>(dnsNames, StringComparer.OrdinalIgnoreCase).IsSupersetOf(DnsNames)
        && new HashSet<IPAddress>(addresses).IsSupersetOf(Addresses);

    /// <summary>The Host header values (without port) these names and addresses allow.</summary>
    public IEnumerable<string> HostHeaderValues() =>
        DnsNames.Concat(Addresses.Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString()));

    // Link-local addresses need a zone (fe80::1%eth0) that no URL a browser opens carries, and
    // 169.254/16 changes with every autoconfiguration: neither belongs in a certificate.
    private static bool IsReachableAddress(IPAddress address) =>
        address.AddressFamily switch
        {
            AddressFamily.InterNetwork => !address.ToString().StartsWith("169.254.", StringComparison.Ordinal),
            AddressFamily.InterNetworkV6 => !address.IsIPv6LinkLocal && !address.IsIPv6Multicast,
            _ => false,
        };

    private static IPAddress WithoutScope(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;

    private static IEnumerable<NetworkInterface> SafeInterfaces()
    {
        try
        {
            return NetworkInterface.GetAllNetworkInterfaces();
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }

    private static async Task<string?> LookUpFqdnAsync(string hostName, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        try
        {
            var entry = await Dns.GetHostEntryAsync(hostName, AddressFamily.Unspecified, timeout.Token);
            return entry.HostName.ToLowerInvariant();
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A host without DNS for its own name still gets a certificate for its name and addresses.
            return null;
        }
    }

    private static void AddName(SortedSet<string> names, string? name)
    {
        if (!string.IsNullOrWhiteSpace(name) && !IPAddress.TryParse(name, out _) && Uri.CheckHostName(name) == UriHostNameType.Dns)
        {
            names.Add(name.TrimEnd('.'));
        }
    }
}
