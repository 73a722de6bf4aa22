using System.Globalization;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using WebVirt.Libvirt.Networks;

namespace WebVirt.Libvirt.Interfaces;

/// <summary>
/// The host's network interfaces with what libvirt's udev interface backend leaves out: IP
/// addresses (from System.Net.NetworkInformation), bridges and their ports (from /sys/class/net).
/// Reads the local machine only; for a remote host ask its agent.
/// </summary>
public static class HostNetworkInterfaces
{
    private const string SysClassNet = "/sys/class/net";

    public static IReadOnlyList<HostNetworkInterface> List()
    {
        Dictionary<string, NetworkInterface> byName = NetworkInterface.GetAllNetworkInterfaces().ToDictionary(i => i.Name, StringComparer.Ordinal);
        var result = new List<HostNetworkInterface>();
        foreach (string directory in Directory.EnumerateDirectories(SysClassNet).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(directory);

            // An interface can vanish between listing and reading (a tap of a guest that stopped).
            try
            {
                result.Add(Read(name, directory, byName.GetValueOrDefault(name)));
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }

        return result;
    }

    private static HostNetworkInterface Read(string name, string directory, NetworkInterface? managed)
    {
        string master = Path.Combine(directory, "master");
        return new HostNetworkInterface(
            name,
            ReadValue(directory, "address"),
            managed is null ? [] : Addresses(managed),
            ReadValue(directory, "operstate"),
            int.Parse(ReadValue(directory, "mtu"), CultureInfo.InvariantCulture),
            Directory.Exists(Path.Combine(directory, "bridge")),
            Directory.Exists(master) ? Path.GetFileName(new DirectoryInfo(master).ResolveLinkTarget(returnFinalTarget: true)?.FullName) : null);
    }

    private static List<HostIpAddress> Addresses(NetworkInterface managed) =>
        managed.GetIPProperties().UnicastAddresses
            .Where(a => a.Address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
            .Select(a => new HostIpAddress(
                a.Address.AddressFamily == AddressFamily.InterNetwork ? IpAddressType.IPv4 : IpAddressType.IPv6,
                // Link-local IPv6 addresses carry a %scope suffix that is no part of the address.
                a.Address.ToString().Split('%')[0],
                a.PrefixLength))
            .ToList();

    private static string ReadValue(string directory, string file) => File.ReadAllText(Path.Combine(directory, file)).Trim();
}
