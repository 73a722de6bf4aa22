using System.Net.Sockets;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Networks;

/// <summary>Checks a <see cref="NetworkSpec"/> against the host and reports every problem at once.</summary>
public static class NetworkSpecValidator
{
    public const int MinIpv4Prefix = 8;
    public const int MaxIpv4Prefix = 30;
    public const int MinIpv6Prefix = 8;
    public const int MaxIpv6Prefix = 126;

    public static ValidationResult<ValidatedNetwork> Validate(NetworkSpec spec, NetworkHost host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        NameRules.CheckName(spec.Name, host.Networks.Select(n => n.Name), ValidationKeys.NetworkNameDuplicate, "Name", problems);
        if (!Enum.IsDefined(spec.Mode))
        {
            problems.Add(ValidationProblem.Create("Mode", ValidationKeys.OptionInvalid, (int)spec.Mode, "Mode"));
            return ValidationResult<ValidatedNetwork>.Refused(problems);
        }

        CheckBridge(spec, host, problems);
        CheckForwardDevice(spec, host, problems);
        if (spec.Mode == NetworkMode.Bridge)
        {
            // A host bridge is the LAN's: libvirt runs no dnsmasq and owns no address on it.
            if (spec.Ipv4 is not null || spec.Ipv6 is not null || spec.DomainName is not null || spec.Boot is not null)
            {
                problems.Add(ValidationProblem.Create("Mode", ValidationKeys.NetworkBridgeModeNoIp, PoolPathRules.Printable(spec.BridgeName ?? string.Empty)));
            }

            return ValidationResult<ValidatedNetwork>.From(() => new ValidatedNetwork(spec, null, null), problems);
        }

        if (spec.Mode == NetworkMode.Nat && spec.Ipv4 is null)
        {
            problems.Add(ValidationProblem.Create("Ipv4", ValidationKeys.Required, "Ipv4"));
        }
        else if (spec.Mode == NetworkMode.Routed && spec.Ipv4 is null && spec.Ipv6 is null)
        {
            problems.Add(ValidationProblem.Create("Ipv4", ValidationKeys.Required, "Ipv4"));
        }

        ValidatedIp? ipv4 = spec.Ipv4 is null ? null
            : CheckIp(spec.Ipv4.Cidr, spec.Ipv4.Gateway, spec.Ipv4.DhcpStart, spec.Ipv4.DhcpEnd, AddressFamily.InterNetwork, "Ipv4", host, problems);
        ValidatedIp? ipv6 = spec.Ipv6 is null ? null
            : CheckIp(spec.Ipv6.Prefix, spec.Ipv6.Gateway, spec.Ipv6.DhcpStart, spec.Ipv6.DhcpEnd, AddressFamily.InterNetworkV6, "Ipv6", host, problems);
        if (spec.DomainName is not null && !HostNameRules.IsValidDnsName(spec.DomainName))
        {
            problems.Add(ValidationProblem.Create("DomainName", ValidationKeys.DomainNameInvalid, PoolPathRules.Printable(spec.DomainName)));
        }

        if (spec.Boot is not null)
        {
            NetworkBootRules.Check(spec.Boot, spec.Ipv4, ipv4, host.BootFolder, problems);
        }

        return ValidationResult<ValidatedNetwork>.From(() => new ValidatedNetwork(spec, ipv4, ipv6), problems);
    }

    /// <summary>The first existing network subnet or host address that shares an address with <paramref name="subnet"/>, as a problem.</summary>
    public static ValidationProblem? FindOverlap(IpSubnet subnet, NetworkHost host, string field)
    {
        foreach (ExistingNetwork network in host.Networks)
        {
            foreach (string text in network.Subnets)
            {
                if (IpSubnet.TryParse(text, subnet.Family, out IpSubnet other, out _) && other.Overlaps(subnet))
                {
                    return ValidationProblem.Create(field, ValidationKeys.NetworkOverlapsNetwork, subnet.ToString(), other.ToString(), network.Name);
                }
            }
        }

        foreach (HostInterfaceAddress address in host.InterfaceAddresses)
        {
            if (IpSubnet.TryParse(address.Cidr, subnet.Family, out IpSubnet other, out _) && other.Overlaps(subnet))
            {
                return ValidationProblem.Create(field, ValidationKeys.NetworkOverlapsInterface, subnet.ToString(), address.Cidr, address.Interface);
            }
        }

        return null;
    }

    /// <summary>
    /// Checks one address for a host or a DHCP range end: well formed, inside the subnet, and not
    /// its network address, (IPv4) broadcast address or the gateway.
    /// </summary>
    public static bool CheckAddressInSubnet(string? text, IpSubnet subnet, UInt128? gateway, string field, List<ValidationProblem> problems, out UInt128 address)
    {
        string family = subnet.Family == AddressFamily.InterNetwork ? "IPv4" : "IPv6";
        if (!IpSubnet.TryParseAddress(text, subnet.Family, out address))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.IpMalformed, PoolPathRules.Printable(text ?? string.Empty), family));
            return false;
        }

        if (!subnet.Contains(address))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.IpOutsideSubnet, text!, subnet.ToString()));
        }
        else if (address == subnet.Network)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.IpNetworkAddress, text!, subnet.ToString()));
        }
        else if (subnet.Family == AddressFamily.InterNetwork && address == subnet.Last)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.IpBroadcastAddress, text!, subnet.ToString()));
        }
        else if (address == gateway)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.IpGatewayAddress, text!, subnet.ToString()));
        }
        else
        {
            return true;
        }

        return false;
    }

    private static void CheckBridge(NetworkSpec spec, NetworkHost host, List<ValidationProblem> problems)
    {
        if (spec.Mode == NetworkMode.Bridge)
        {
            if (string.IsNullOrEmpty(spec.BridgeName))
            {
                problems.Add(ValidationProblem.Create("BridgeName", ValidationKeys.Required, "BridgeName"));
            }
            else if (!NameRules.IsValidInterfaceName(spec.BridgeName))
            {
                NameRules.CheckInterfaceName(spec.BridgeName, "BridgeName", problems);
            }
            else if (!host.Bridges.Contains(spec.BridgeName, StringComparer.Ordinal))
            {
                problems.Add(ValidationProblem.Create("BridgeName", ValidationKeys.BridgeUnknown, spec.BridgeName));
            }
        }
        else if (spec.BridgeName is not null)
        {
            if (!NameRules.IsValidInterfaceName(spec.BridgeName))
            {
                NameRules.CheckInterfaceName(spec.BridgeName, "BridgeName", problems);
            }
            else if (host.Interfaces.Contains(spec.BridgeName, StringComparer.Ordinal) || host.Bridges.Contains(spec.BridgeName, StringComparer.Ordinal))
            {
                // libvirt would take over (and on stop delete) an interface it did not create.
                problems.Add(ValidationProblem.Create("BridgeName", ValidationKeys.InterfaceInUse, spec.BridgeName));
            }
        }
    }

    private static void CheckForwardDevice(NetworkSpec spec, NetworkHost host, List<ValidationProblem> problems)
    {
        if (spec.ForwardDevice is null)
        {
            return;
        }

        if (spec.Mode is not (NetworkMode.Nat or NetworkMode.Routed))
        {
            problems.Add(ValidationProblem.Create("ForwardDevice", ValidationKeys.NetworkForwardDeviceUnused));
        }
        else if (!NameRules.IsValidInterfaceName(spec.ForwardDevice))
        {
            NameRules.CheckInterfaceName(spec.ForwardDevice, "ForwardDevice", problems);
        }
        else if (!host.Interfaces.Contains(spec.ForwardDevice, StringComparer.Ordinal))
        {
            problems.Add(ValidationProblem.Create("ForwardDevice", ValidationKeys.InterfaceUnknown, spec.ForwardDevice));
        }
    }

    private static ValidatedIp? CheckIp(
        string? cidr, string? gatewayText, string? dhcpStart, string? dhcpEnd, AddressFamily family, string field, NetworkHost host, List<ValidationProblem> problems)
    {
        bool v4 = family == AddressFamily.InterNetwork;
        string familyName = v4 ? "IPv4" : "IPv6";
        string cidrField = field + (v4 ? ".Cidr" : ".Prefix");
        if (!IpSubnet.TryParse(cidr, family, out IpSubnet subnet, out UInt128 written))
        {
            problems.Add(ValidationProblem.Create(cidrField, ValidationKeys.CidrMalformed, PoolPathRules.Printable(cidr ?? string.Empty), familyName, v4 ? "10.254.1.0/24" : "fd00:254:1::/64"));
            return null;
        }

        (int min, int max) = v4 ? (MinIpv4Prefix, MaxIpv4Prefix) : (MinIpv6Prefix, MaxIpv6Prefix);
        if (subnet.Prefix < min || subnet.Prefix > max)
        {
            problems.Add(ValidationProblem.Create(cidrField, ValidationKeys.CidrPrefixOutOfRange, familyName, min, max, subnet.Prefix));
            return null;
        }

        if (written != subnet.Network)
        {
            problems.Add(ValidationProblem.Create(cidrField, ValidationKeys.CidrHostBitsSet, cidr!, subnet.ToString()));
            return null;
        }

        int before = problems.Count;
        if (FindOverlap(subnet, host, cidrField) is ValidationProblem overlap)
        {
            problems.Add(overlap);
        }

        UInt128 gateway = subnet.Network + 1;
        if (gatewayText is not null && CheckAddressInSubnet(gatewayText, subnet, null, field + ".Gateway", problems, out UInt128 given))
        {
            gateway = given;
        }

        UInt128 start = default, end = default;
        bool rangeOk = false;
        if (dhcpStart is not null || dhcpEnd is not null)
        {
            if (dhcpStart is null || dhcpEnd is null)
            {
                string missing = dhcpStart is null ? field + ".DhcpStart" : field + ".DhcpEnd";
                problems.Add(ValidationProblem.Create(missing, ValidationKeys.Required, missing));
            }
            else
            {
                bool startOk = CheckAddressInSubnet(dhcpStart, subnet, gateway, field + ".DhcpStart", problems, out start);
                bool endOk = CheckAddressInSubnet(dhcpEnd, subnet, gateway, field + ".DhcpEnd", problems, out end);
                rangeOk = startOk && endOk;
                if (rangeOk && start > end)
                {
                    problems.Add(ValidationProblem.Create(field + ".DhcpStart", ValidationKeys.DhcpRangeReversed, dhcpStart, dhcpEnd));
                    rangeOk = false;
                }
            }
        }

        return problems.Count > before
            ? null
            : new ValidatedIp(
                subnet,
                IpSubnet.Format(gateway, family),
                rangeOk ? IpSubnet.Format(start, family) : null,
                rangeOk ? IpSubnet.Format(end, family) : null);
    }
}
