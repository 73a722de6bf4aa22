using System.Globalization;
using System.Net.Sockets;
using System.Xml;
using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Networks;

/// <summary>A static DHCP lease: the guest with <paramref name="Mac"/> always gets <paramref name="Ip"/>; <paramref name="Name"/> is its DNS name.</summary>
public sealed record DhcpHostSpec(string Mac, string Ip, string? Name = null);

/// <summary>A static lease checked against its network; only <see cref="DhcpHostValidator"/> creates one.</summary>
public sealed class ValidatedDhcpHost
{
    internal ValidatedDhcpHost(string mac, string ip, string? name)
    {
        Mac = mac;
        Ip = ip;
        Name = name;
    }

    public string Mac { get; }

    public string Ip { get; }

    public string? Name { get; }
}

/// <summary>Checks a static DHCP lease against the network's current XML: its IPv4 subnet, gateway and existing leases.</summary>
public static class DhcpHostValidator
{
    public static ValidationResult<ValidatedDhcpHost> Validate(DhcpHostSpec spec, string networkXml)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ValidationProblem>();
        XElement network;
        try
        {
            network = XDocument.Parse(networkXml).Root!;
        }
        catch (XmlException exception)
        {
            problems.Add(ValidationProblem.Create("Network", ValidationKeys.XmlInvalid, exception.Message));
            return ValidationResult<ValidatedDhcpHost>.Refused(problems);
        }

        string networkName = (string?)network.Element("name") ?? "?";
        XElement? ip = network.Elements("ip").FirstOrDefault(e => ((string?)e.Attribute("family") ?? "ipv4") == "ipv4");
        if (network.Name != "network" || ip is null || !TrySubnet(ip, out IpSubnet subnet, out UInt128 gateway))
        {
            problems.Add(ValidationProblem.Create("Network", ValidationKeys.NetworkNoIpv4, networkName));
            return ValidationResult<ValidatedDhcpHost>.Refused(problems);
        }

        XElement[] hosts = ip.Element("dhcp")?.Elements("host").ToArray() ?? [];
        MacAddress.Check(spec.Mac, hosts.Select(h => (string?)h.Attribute("mac")).OfType<string>().ToArray(), "Mac", problems);
        if (NetworkSpecValidator.CheckAddressInSubnet(spec.Ip, subnet, gateway, "Ip", problems, out UInt128 address))
        {
            XElement? holder = hosts.FirstOrDefault(h => IpSubnet.TryParseAddress((string?)h.Attribute("ip"), AddressFamily.InterNetwork, out UInt128 taken) && taken == address);
            if (holder is not null)
            {
                problems.Add(ValidationProblem.Create("Ip", ValidationKeys.DhcpHostIpInUse, spec.Ip, (string?)holder.Attribute("mac") ?? (string?)holder.Attribute("name") ?? "?"));
            }
        }

        if (spec.Name is not null)
        {
            if (!HostNameRules.IsValidDnsName(spec.Name))
            {
                problems.Add(ValidationProblem.Create("Name", ValidationKeys.DhcpHostNameInvalid, PoolPathRules.Printable(spec.Name)));
            }
            else if (hosts.Any(h => string.Equals((string?)h.Attribute("name"), spec.Name, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(ValidationProblem.Create("Name", ValidationKeys.DhcpHostNameInUse, spec.Name));
            }
        }

        return ValidationResult<ValidatedDhcpHost>.From(
            () => new ValidatedDhcpHost(MacAddress.Normalize(spec.Mac), IpSubnet.Format(address, AddressFamily.InterNetwork), spec.Name),
            problems);
    }

    private static bool TrySubnet(XElement ip, out IpSubnet subnet, out UInt128 gateway)
    {
        subnet = null!;
        string? address = (string?)ip.Attribute("address");
        string? prefix = (string?)ip.Attribute("prefix");
        string? netmask = (string?)ip.Attribute("netmask");
        if (prefix is null && netmask is not null && IpSubnet.TryParseAddress(netmask, AddressFamily.InterNetwork, out UInt128 mask))
        {
            prefix = UInt128.PopCount(mask).ToString(CultureInfo.InvariantCulture);
        }

        return IpSubnet.TryParse($"{address}/{prefix ?? "24"}", AddressFamily.InterNetwork, out subnet, out gateway);
    }
}
