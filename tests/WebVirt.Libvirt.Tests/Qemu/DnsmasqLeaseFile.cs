using System.Text.Json;

namespace WebVirt.Libvirt.Tests.Qemu;

// libvirt answers lease queries from the status file its leases helper keeps for dnsmasq. Writing
// a lease there stands in for a guest's DHCP exchange, so lease parsing is tested without any
// network traffic. libvirt deletes the file with the network.
internal static class DnsmasqLeaseFile
{
    private const string Directory = "/var/lib/libvirt/dnsmasq";

    public static void Write(string bridge, string mac, string ipAddress, string hostname, DateTimeOffset expiry)
    {
        var lease = new Dictionary<string, object>
        {
            ["ip-address"] = ipAddress,
            ["mac-address"] = mac,
            ["hostname"] = hostname,
            ["client-id"] = $"01:{mac}",
            ["expiry-time"] = expiry.ToUnixTimeSeconds(),
        };
        File.WriteAllText(PathFor(bridge), JsonSerializer.Serialize(new[] { lease }));
    }

    public static void Clear(string bridge) => File.WriteAllText(PathFor(bridge), "[]");

    private static string PathFor(string bridge) => Path.Combine(Directory, $"{bridge}.status");
}
