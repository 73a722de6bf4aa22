using System.Globalization;
using System.Xml.Linq;
using WebVirt.Agent.Session;
using WebVirt.Contracts;

namespace WebVirt.Agent.HostChecks;

/// <summary>
/// Reads the host page's details: libvirt's capabilities (machine types, CPU models), the host's
/// interfaces, whether NAT networks can forward, and CPU load as the change in the node's CPU
/// counters between two calls.
/// </summary>
internal sealed class HostDetailsService(LibvirtSession session)
{
    internal const string IpForwardPath = "/proc/sys/net/ipv4/ip_forward";
    private readonly Lock _sampleLock = new();
    private (ulong Busy, ulong Total)? _lastSample;

    public Task<HostDetails> GetAsync(CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            var cpu = CpuUsage(c.GetNodeCpuStats());
            // A network removed while they are read is simply not on the host any more.
            var networks = VanishingObjects.ReadEach(
                c.ListAllNetworks(),
                network => (network.Name,
                    Active: network.Name == "default" && network.IsActive(),
                    Nat: (string?)XDocument.Parse(network.GetXmlDesc()).Root?.Element("forward")?.Attribute("mode") is "nat"),
                _ => { });
            bool? defaultActive = networks.Where(n => n.Name == "default").Select(n => (bool?)n.Active).FirstOrDefault();
            var nat = networks.Where(n => n.Nat).Select(n => n.Name).ToList();

            var capabilities = XDocument.Parse(c.GetCapabilities()).Root!;
            string arch = (string?)capabilities.Element("host")?.Element("cpu")?.Element("arch") ?? "x86_64";
            var machines = capabilities.Elements("guest")
                .Where(g => (string?)g.Element("arch")?.Attribute("name") == arch)
                .Elements("arch").Elements("machine").Select(m => m.Value)
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            var interfaces = HostNetworkInterfaces.List()
                .Select(i => new HostInterfaceInfo(
                    i.Name, i.MacAddress,
                    i.Addresses.Select(a => $"{a.Address}/{a.PrefixLength.ToString(CultureInfo.InvariantCulture)}").ToList(),
                    i.OperState, i.IsBridge, i.BridgeMaster))
                .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            var firmware = FirmwareCapabilities.Read(c);
            return new HostDetails(cpu, defaultActive, ReadIpForward(), nat, interfaces, machines, c.GetCpuModelNames(arch))
            {
                SecureBootFirmware = firmware.SecureBoot,
                TpmEmulator = firmware.TpmEmulator,
            };
        }, cancellationToken);

    private static bool ReadIpForward()
    {
        try
        {
            return File.ReadAllText(IpForwardPath).Trim() == "1";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private double? CpuUsage(IReadOnlyDictionary<string, ulong> stats)
    {
        ulong idle = stats.GetValueOrDefault("idle") + stats.GetValueOrDefault("iowait");
        ulong total = stats.Values.Aggregate(0UL, (sum, v) => sum + v) - stats.GetValueOrDefault("utilization");
        var sample = (Busy: total - idle, Total: total);
        lock (_sampleLock)
        {
            var previous = _lastSample;
            _lastSample = sample;
            if (previous is not { } last || sample.Total <= last.Total)
            {
                return null;
            }

            return Math.Clamp(100.0 * (sample.Busy - last.Busy) / (sample.Total - last.Total), 0, 100);
        }
    }
}
