namespace WebVirt.Domain.Networks;

/// <summary>
/// A network spec that passed <see cref="NetworkSpecValidator"/>, with gateways resolved. Only the
/// validator creates one, so network XML can only be built from validated input.
/// </summary>
public sealed class ValidatedNetwork
{
    internal ValidatedNetwork(NetworkSpec spec, ValidatedIp? ipv4, ValidatedIp? ipv6)
    {
        Spec = spec;
        Ipv4 = ipv4;
        Ipv6 = ipv6;
    }

    public NetworkSpec Spec { get; }

    public ValidatedIp? Ipv4 { get; }

    public ValidatedIp? Ipv6 { get; }
}

/// <summary>One address block of a network: the subnet, the host's gateway address in it and the DHCP range, all in canonical text.</summary>
public sealed record ValidatedIp(IpSubnet Subnet, string Gateway, string? DhcpStart, string? DhcpEnd);
