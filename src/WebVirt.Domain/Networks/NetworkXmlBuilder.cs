using System.Net.Sockets;
using System.Xml.Linq;

namespace WebVirt.Domain.Networks;

/// <summary>Turns a validated network into libvirt network XML (virNetworkDefineXML) with System.Xml.Linq only.</summary>
public static class NetworkXmlBuilder
{
    public static XDocument Build(ValidatedNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkSpec spec = network.Spec;
        var root = new XElement("network", new XElement("name", spec.Name));
        if (ForwardMode(spec.Mode) is string mode)
        {
            var forward = new XElement("forward", new XAttribute("mode", mode));
            if (spec.ForwardDevice is not null)
            {
                forward.Add(new XAttribute("dev", spec.ForwardDevice));
            }

            root.Add(forward);
        }

        if (spec.Mode == NetworkMode.Bridge)
        {
            root.Add(new XElement("bridge", new XAttribute("name", spec.BridgeName!)));
            return new XDocument(root);
        }

        if (spec.BridgeName is not null)
        {
            root.Add(new XElement("bridge", new XAttribute("name", spec.BridgeName), new XAttribute("stp", "on"), new XAttribute("delay", "0")));
        }

        if (spec.DomainName is not null)
        {
            // localOnly: names in this domain are answered here, never forwarded upstream.
            root.Add(new XElement("domain", new XAttribute("name", spec.DomainName), new XAttribute("localOnly", "yes")));
        }

        if (network.Ipv4 is not null)
        {
            root.Add(Ip(network.Ipv4, spec.Boot));
        }

        if (network.Ipv6 is not null)
        {
            root.Add(Ip(network.Ipv6, boot: null));
        }

        return new XDocument(root);
    }

    public static string BuildString(ValidatedNetwork network) => Build(network).ToString();

    /// <summary>libvirt's forward mode, or null for an isolated network (no &lt;forward&gt;).</summary>
    public static string? ForwardMode(NetworkMode mode) => mode switch
    {
        NetworkMode.Nat => "nat",
        NetworkMode.Routed => "route",
        NetworkMode.Open => "open",
        NetworkMode.Bridge => "bridge",
        NetworkMode.Isolated => null,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>The &lt;host&gt; element virNetworkUpdate adds to (or deletes from) the ip-dhcp-host section.</summary>
    public static XElement DhcpHost(ValidatedDhcpHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var element = new XElement("host", new XAttribute("mac", host.Mac));
        if (host.Name is not null)
        {
            element.Add(new XAttribute("name", host.Name));
        }

        element.Add(new XAttribute("ip", host.Ip));
        return element;
    }

    /// <summary>An address block; with <paramref name="boot"/>, dnsmasq serves its folder over TFTP (&lt;tftp&gt;) and names the boot file in DHCP (&lt;bootp&gt;).</summary>
    private static XElement Ip(ValidatedIp ip, NetworkBoot? boot)
    {
        var element = new XElement("ip");
        if (ip.Subnet.Family == AddressFamily.InterNetworkV6)
        {
            element.Add(new XAttribute("family", "ipv6"));
        }

        element.Add(new XAttribute("address", ip.Gateway), new XAttribute("prefix", ip.Subnet.Prefix));
        if (boot is not null)
        {
            element.Add(NetworkBootXml.Tftp(boot));
        }

        if (ip.DhcpStart is not null)
        {
            var dhcp = new XElement("dhcp", new XElement("range", new XAttribute("start", ip.DhcpStart), new XAttribute("end", ip.DhcpEnd!)));
            if (boot is not null)
            {
                dhcp.Add(NetworkBootXml.Bootp(boot));
            }

            element.Add(dhcp);
        }

        return element;
    }
}
