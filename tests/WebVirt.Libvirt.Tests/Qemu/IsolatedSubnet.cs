using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace WebVirt.Libvirt.Tests.Qemu;

// A 10.254.N.0/24 that neither a host interface nor another libvirt network uses, so a test
// network never shadows a route the host depends on.
internal static class IsolatedSubnet
{
    public static string PickThirdOctet(LibvirtConnection connection)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (UnicastIPAddressInformation address in NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses))
        {
            if (address.Address.AddressFamily == AddressFamily.InterNetwork && address.Address.ToString().StartsWith("10.254.", StringComparison.Ordinal))
            {
                taken.Add(address.Address.ToString().Split('.')[2]);
            }
        }

        string[] networkXml = connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }).ToArray();
        for (int attempt = 0; attempt < 100; attempt++)
        {
            string octet = Random.Shared.Next(2, 251).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!taken.Contains(octet) && !networkXml.Any(x => x.Contains($"10.254.{octet}.", StringComparison.Ordinal)))
            {
                return octet;
            }
        }

        throw new InvalidOperationException("no free 10.254.N.0/24 subnet");
    }
}
