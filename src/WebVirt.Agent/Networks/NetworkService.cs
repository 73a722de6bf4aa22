using System.Globalization;
using System.Net.Sockets;
using System.Xml.Linq;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Networks;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Networks;

/// <summary>
/// Virtual networks of this host: created only through <see cref="NetworkSpecValidator"/> (which
/// names the network or host address a new subnet would overlap), stopped and deleted only when
/// no running guest has an interface on them.
/// </summary>
internal sealed partial class NetworkService(LibvirtSession session, IOptions<AgentOptions> options, ILogger<NetworkService> logger)
{
    private string HostId => options.Value.ResolvedHostId;

    public Task<IReadOnlyList<VirtualNetworkSummary>> GetNetworksAsync(CancellationToken cancellationToken) =>
        session.RunAsync<IReadOnlyList<VirtualNetworkSummary>>(c =>
        {
            var networks = VanishingObjects.ReadEach(c.ListAllNetworks(), Summarize, name => Log.Vanished(logger, name));
            return networks.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        }, cancellationToken);

    public Task<ActionResult> CreateAsync(VirtualNetworkCreateRequest request, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            NetworkSpec spec = ToSpec(request);
            var validated = NetworkSpecValidator.Validate(spec, ReadHost(c) with { BootFolder = BootFolderInspector.Inspect(spec.Boot) });
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            using var network = c.DefineNetworkXml(NetworkXmlBuilder.BuildString(valid), validate: true);
            try
            {
                if (request.Start)
                {
                    network.Create();
                }

                network.SetAutostart(request.Autostart);
            }
            catch (LibvirtException)
            {
                // A definition that cannot start would hold the name and subnet: take it back.
                network.Undefine();
                throw;
            }

            Log.Created(logger, request.Name, request.Mode.ToString());
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> ActAsync(string name, VirtualNetworkAction action, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var network = c.LookupNetworkByName(name);
            switch (action)
            {
                case VirtualNetworkAction.Start:
                    network.Create();
                    break;
                case VirtualNetworkAction.Stop:
                    var users = GuestNetworkUsage.Read(c).RunningGuestsUsingNetwork(name);
                    if (users.Count > 0)
                    {
                        return ResourceResults.InUseBy(ErrorCodes.NetworkHasRunningGuests, name, users);
                    }

                    network.Destroy();
                    break;
                case VirtualNetworkAction.AutostartOn:
                case VirtualNetworkAction.AutostartOff:
                    network.SetAutostart(action == VirtualNetworkAction.AutostartOn);
                    break;
                default:
                    return Refusals.Refused([EditRequests.OptionInvalid("Action", (int)action)]);
            }

            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> DeleteAsync(string name, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var network = c.LookupNetworkByName(name);
            var users = GuestNetworkUsage.Read(c).RunningGuestsUsingNetwork(name);
            if (users.Count > 0)
            {
                return ResourceResults.InUseBy(ErrorCodes.NetworkHasRunningGuests, name, users);
            }

            if (network.IsActive())
            {
                network.Destroy();
            }

            if (network.IsPersistent())
            {
                network.Undefine();
            }

            Log.Deleted(logger, name);
            return ActionResult.Success;
        }, cancellationToken);

    public Task<IReadOnlyList<DhcpLeaseInfo>> GetLeasesAsync(string name, CancellationToken cancellationToken) =>
        session.RunAsync<IReadOnlyList<DhcpLeaseInfo>>(c =>
        {
            using var network = c.LookupNetworkByName(name);
            if (!network.IsActive())
            {
                return [];
            }

            return network.GetDhcpLeases()
                .Select(l => new DhcpLeaseInfo(l.Mac, l.IpAddress, l.Prefix, l.Hostname, DateTimeOffset.FromUnixTimeSeconds(l.ExpiryTime)))
                .OrderBy(l => l.IpAddress, StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);

    public Task<ActionResult> AddDhcpHostAsync(string name, DhcpHostEntry host, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var network = c.LookupNetworkByName(name);
            // The live XML also holds entries added to the running network only; check against both.
            var validated = DhcpHostValidator.Validate(new DhcpHostSpec(host.Mac, host.Ip, string.IsNullOrWhiteSpace(host.Name) ? null : host.Name), network.GetXmlDesc());
            if (validated.Value is not { } valid)
            {
                return Refusals.Refused(validated.Problems);
            }

            network.Update(NetworkUpdateCommand.AddLast, NetworkUpdateSection.IpDhcpHost, -1, NetworkXmlBuilder.DhcpHost(valid).ToString(), UpdateFlags(network));
            return ActionResult.Success;
        }, cancellationToken);

    public Task<ActionResult> RemoveDhcpHostAsync(string name, string mac, CancellationToken cancellationToken) =>
        session.RunAsync(c =>
        {
            using var network = c.LookupNetworkByName(name);
            var entry = XDocument.Parse(network.GetXmlDesc()).Root!.Elements("ip").Elements("dhcp").Elements("host")
                .FirstOrDefault(h => string.Equals((string?)h.Attribute("mac"), mac, StringComparison.OrdinalIgnoreCase));
            if (entry is null)
            {
                return ActionResult.Fail(ErrorCodes.DhcpHostMissing, name, mac);
            }

            network.Update(NetworkUpdateCommand.Delete, NetworkUpdateSection.IpDhcpHost, -1, entry.ToString(SaveOptions.DisableFormatting), UpdateFlags(network));
            return ActionResult.Success;
        }, cancellationToken);

    /// <summary>What the validator compares a new network with: defined networks, host addresses, interfaces and bridges.</summary>
    internal static NetworkHost ReadHost(LibvirtConnection c)
    {
        // A network removed meanwhile overlaps nothing any more.
        var networks = VanishingObjects.ReadEach(
            c.ListAllNetworks(),
            network => new ExistingNetwork(network.Name, XDocument.Parse(network.GetXmlDesc()).Root!.Elements("ip").Select(Cidr).OfType<string>().ToList()),
            _ => { });

        var interfaces = HostNetworkInterfaces.List();
        return new NetworkHost
        {
            Networks = networks,
            InterfaceAddresses = interfaces
                .SelectMany(i => i.Addresses.Select(a => new HostInterfaceAddress(i.Name, $"{a.Address}/{a.PrefixLength.ToString(CultureInfo.InvariantCulture)}")))
                .ToList(),
            Interfaces = interfaces.Select(i => i.Name).ToList(),
            Bridges = interfaces.Where(i => i.IsBridge).Select(i => i.Name).ToList(),
        };
    }

    private static NetworkUpdateFlags UpdateFlags(LibvirtNetwork network) =>
        NetworkUpdateFlags.Config | (network.IsActive() ? NetworkUpdateFlags.Live : NetworkUpdateFlags.Current);

    private static NetworkSpec ToSpec(VirtualNetworkCreateRequest r) => new(r.Name, (NetworkMode)(int)r.Mode)
    {
        BridgeName = Blank(r.BridgeName),
        ForwardDevice = Blank(r.ForwardDevice),
        Ipv4 = Blank(r.Ipv4Cidr) is { } cidr ? new Ipv4Settings(cidr, null, Blank(r.Ipv4DhcpStart), Blank(r.Ipv4DhcpEnd)) : null,
        Ipv6 = Blank(r.Ipv6Prefix) is { } prefix ? new Ipv6Settings(prefix) : null,
        DomainName = Blank(r.DomainName),
        Boot = Blank(r.TftpRoot) is null && Blank(r.BootFile) is null && Blank(r.BootServer) is null
            ? null
            : new NetworkBoot(Blank(r.TftpRoot) ?? "", Blank(r.BootFile) ?? "", Blank(r.BootServer)),
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>An &lt;ip&gt; element as address/prefix, converting a netmask to its prefix length.</summary>
    private static string? Cidr(XElement ip)
    {
        string? address = (string?)ip.Attribute("address");
        if (address is null)
        {
            return null;
        }

        string? prefix = (string?)ip.Attribute("prefix");
        if (prefix is null && (string?)ip.Attribute("netmask") is { } netmask
            && IpSubnet.TryParseAddress(netmask, AddressFamily.InterNetwork, out UInt128 mask))
        {
            prefix = UInt128.PopCount(mask).ToString(CultureInfo.InvariantCulture);
        }

        return $"{address}/{prefix ?? (((string?)ip.Attribute("family")) == "ipv6" ? "64" : "24")}";
    }

    private VirtualNetworkSummary Summarize(LibvirtNetwork network)
    {
        var root = XDocument.Parse(network.GetXmlDesc()).Root!;
        string? forward = (string?)root.Element("forward")?.Attribute("mode");
        var mode = root.Element("forward") is null ? VirtualNetworkMode.Isolated : forward switch
        {
            "route" => VirtualNetworkMode.Routed,
            "open" => VirtualNetworkMode.Open,
            "bridge" => VirtualNetworkMode.Bridge,
            _ => VirtualNetworkMode.Nat,
        };
        var ips = root.Elements("ip").ToList();
        var v4 = ips.FirstOrDefault(i => ((string?)i.Attribute("family") ?? "ipv4") == "ipv4");
        var v6 = ips.FirstOrDefault(i => (string?)i.Attribute("family") == "ipv6");
        var range = v4?.Element("dhcp")?.Element("range");
        var hosts = ips.Elements("dhcp").Elements("host")
            .Where(h => h.Attribute("mac") is not null && h.Attribute("ip") is not null)
            .Select(h => new DhcpHostEntry((string)h.Attribute("mac")!, (string)h.Attribute("ip")!, (string?)h.Attribute("name")))
            .ToList();
        // The boot server shown is the definition's; a running network serves what it was started with until it restarts.
        bool active = network.IsActive();
        bool persistent = network.IsPersistent();
        var defined = NetworkBootXml.Read(active && persistent ? XDocument.Parse(network.GetXmlDesc(inactive: true)).Root! : root);
        return new VirtualNetworkSummary(
            HostId, network.Name, network.Uuid, mode, (string?)root.Element("bridge")?.Attribute("name"),
            v4 is null ? null : Cidr(v4), v6 is null ? null : Cidr(v6),
            range is null ? null : $"{(string?)range.Attribute("start")} – {(string?)range.Attribute("end")}",
            active, network.GetAutostart(), persistent, hosts,
            defined is null ? null : new NetworkBootSettings(defined.TftpRoot, defined.BootFile, defined.NextServer),
            active && defined != NetworkBootXml.Read(root));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Created network {Network} ({Mode})")]
        public static partial void Created(ILogger logger, string network, string mode);

        [LoggerMessage(EventId = 6102, Level = LogLevel.Information, Message = "Deleted network {Network}")]
        public static partial void Deleted(ILogger logger, string network);

        [LoggerMessage(EventId = 6103, Level = LogLevel.Information, Message = "Set the network boot of {Network} (on: {On}; running, applies at its next start: {Pending})")]
        public static partial void BootSet(ILogger logger, string network, bool on, bool pending);

        [LoggerMessage(EventId = 6104, Level = LogLevel.Information, Message = "Network {Network} vanished while the networks were read; it is left out")]
        public static partial void Vanished(ILogger logger, string network);
    }
}
