using System.Net.Sockets;
using System.Xml.Linq;
using WebVirt.Domain.Networks;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Networks;

public sealed class NetworkSpecTests
{
    private static readonly NetworkHost Host = new()
    {
        Networks = [new ExistingNetwork("default", ["192.168.122.1/24"]), new ExistingNetwork("lab6", ["fd00:aa::1/64"])],
        InterfaceAddresses = [new HostInterfaceAddress("eth0", "192.0.2.2/24"), new HostInterfaceAddress("eth0", "fd00::2/64"), new HostInterfaceAddress("lo", "127.0.0.1/8")],
        Interfaces = ["lo", "eth0", "br0", "virbr0"],
        Bridges = ["br0", "virbr0"],
    };

    private static NetworkSpec Nat(string cidr = "10.254.1.0/24") => new("lab", NetworkMode.Nat) { Ipv4 = new Ipv4Settings(cidr) };

    private static XDocument Xml(NetworkSpec spec) => NetworkXmlBuilder.Build(Refused.Valid(NetworkSpecValidator.Validate(spec, Host)));

    [Fact]
    public void A_nat_network_gets_the_first_usable_address_as_gateway()
    {
        XDocument xml = Xml(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", DhcpStart: "10.254.1.100", DhcpEnd: "10.254.1.200") });

        Assert.Equal("lab", xml.Value("/network/name"));
        Assert.Equal("nat", xml.Value("/network/forward/@mode"));
        Assert.Null(xml.Value("/network/forward/@dev"));
        Assert.Equal("10.254.1.1", xml.Value("/network/ip/@address"));
        Assert.Equal("24", xml.Value("/network/ip/@prefix"));
        Assert.Null(xml.Value("/network/ip/@family"));
        Assert.Equal("10.254.1.100", xml.Value("/network/ip/dhcp/range/@start"));
        Assert.Equal("10.254.1.200", xml.Value("/network/ip/dhcp/range/@end"));
        Assert.Equal(0, xml.Count("/network/bridge"));
    }

    [Fact]
    public void A_given_gateway_bridge_name_domain_and_forward_device_are_written()
    {
        XDocument xml = Xml(Nat() with
        {
            Ipv4 = new Ipv4Settings("10.254.1.0/24", Gateway: "10.254.1.254"),
            BridgeName = "virbr-lab",
            ForwardDevice = "eth0",
            DomainName = "lab.example",
        });

        Assert.Equal("10.254.1.254", xml.Value("/network/ip/@address"));
        Assert.Equal("virbr-lab", xml.Value("/network/bridge/@name"));
        Assert.Equal("on", xml.Value("/network/bridge/@stp"));
        Assert.Equal("eth0", xml.Value("/network/forward/@dev"));
        Assert.Equal("lab.example", xml.Value("/network/domain/@name"));
        Assert.Equal("yes", xml.Value("/network/domain/@localOnly"));
        Assert.Equal(0, xml.Count("/network/ip/dhcp"));
    }

    [Theory]
    [InlineData(NetworkMode.Routed, "route")]
    [InlineData(NetworkMode.Open, "open")]
    public void Routed_and_open_networks_have_their_forward_mode(NetworkMode mode, string expected)
    {
        XDocument xml = Xml(new NetworkSpec("lab", mode) { Ipv4 = new Ipv4Settings("10.254.2.0/24") });

        Assert.Equal(expected, xml.Value("/network/forward/@mode"));
        Assert.Equal("10.254.2.1", xml.Value("/network/ip/@address"));
    }

    [Fact]
    public void A_routed_network_may_name_its_device() =>
        Assert.Equal("eth0", Xml(new NetworkSpec("lab", NetworkMode.Routed) { Ipv4 = new Ipv4Settings("10.254.2.0/24"), ForwardDevice = "eth0" }).Value("/network/forward/@dev"));

    [Fact]
    public void An_isolated_network_has_no_forward_element()
    {
        XDocument xml = Xml(new NetworkSpec("lab", NetworkMode.Isolated) { Ipv4 = new Ipv4Settings("10.254.3.0/24") });

        Assert.Equal(0, xml.Count("/network/forward"));
        Assert.Equal("10.254.3.1", xml.Value("/network/ip/@address"));
    }

    [Fact]
    public void An_isolated_network_may_have_no_addresses_at_all() =>
        Assert.Equal(0, Xml(new NetworkSpec("lab", NetworkMode.Isolated)).Count("/network/ip"));

    [Fact]
    public void A_bridge_network_names_the_host_bridge_and_nothing_else()
    {
        XDocument xml = Xml(new NetworkSpec("lan", NetworkMode.Bridge) { BridgeName = "br0" });

        Assert.Equal("bridge", xml.Value("/network/forward/@mode"));
        Assert.Equal("br0", xml.Value("/network/bridge/@name"));
        Assert.Null(xml.Value("/network/bridge/@stp"));
        Assert.Equal(0, xml.Count("/network/ip"));
    }

    [Fact]
    public void IPv6_gets_its_own_ip_element_with_an_optional_dhcp_range()
    {
        XDocument xml = Xml(Nat() with { Ipv6 = new Ipv6Settings("fd00:254:1::/64", DhcpStart: "fd00:254:1::100", DhcpEnd: "fd00:254:1::1ff") });

        Assert.Equal("fd00:254:1::1", xml.Value("/network/ip[@family='ipv6']/@address"));
        Assert.Equal("64", xml.Value("/network/ip[@family='ipv6']/@prefix"));
        Assert.Equal("fd00:254:1::100", xml.Value("/network/ip[@family='ipv6']/dhcp/range/@start"));
        Assert.Equal("fd00:254:1::1ff", xml.Value("/network/ip[@family='ipv6']/dhcp/range/@end"));
        Assert.Equal("10.254.1.1", xml.Value("/network/ip[not(@family)]/@address"));
    }

    [Fact]
    public void IPv6_addresses_are_written_in_canonical_form() =>
        Assert.Equal(
            "fd00:254:1::10",
            Xml(Nat() with { Ipv6 = new Ipv6Settings("FD00:0254:0001:0000::/64", Gateway: "fd00:254:1:0:0:0:0:10") }).Value("/network/ip[@family='ipv6']/@address"));

    [Theory]
    [InlineData("10.254.1.0")]
    [InlineData("10.254.1.0/")]
    [InlineData("10.254.1/24")]
    [InlineData("10.254.1.0/24/1")]
    [InlineData("10.254.1.0/033")]
    [InlineData("10.254.1.0/+24")]
    [InlineData("10.254.1.0 /24")]
    [InlineData("fd00::/64")]
    [InlineData("")]
    public void Malformed_ipv4_cidrs_are_refused(string cidr) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat(cidr), Host), "Ipv4.Cidr", ValidationKeys.CidrMalformed);

    [Theory]
    [InlineData("10.0.0.0/7")]
    [InlineData("10.254.1.0/31")]
    [InlineData("10.254.1.0/32")]
    [InlineData("0.0.0.0/0")]
    public void Ipv4_prefixes_outside_8_to_30_are_refused(string cidr) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat(cidr), Host), "Ipv4.Cidr", ValidationKeys.CidrPrefixOutOfRange);

    [Theory]
    [InlineData("10.0.0.0/8")]
    [InlineData("10.254.1.4/30")]
    public void Ipv4_prefix_bounds_are_inclusive(string cidr) =>
        Refused.Valid(NetworkSpecValidator.Validate(Nat(cidr), Host));

    [Fact]
    public void Host_bits_are_refused_with_the_subnet_meant()
    {
        ValidationProblem problem = Refused.Assert(NetworkSpecValidator.Validate(Nat("10.254.1.1/24"), Host), "Ipv4.Cidr", ValidationKeys.CidrHostBitsSet);
        Assert.Equal("10.254.1.0/24", problem.Args[1]);
    }

    [Theory]
    [InlineData("10.254.1.0/24", "10.254.1.100", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.DhcpRangeReversed)]
    [InlineData("10.254.1.0/24", "10.254.2.10", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.IpOutsideSubnet)]
    [InlineData("10.254.1.0/24", "10.254.1.10", "10.254.2.50", "Ipv4.DhcpEnd", ValidationKeys.IpOutsideSubnet)]
    [InlineData("10.254.1.0/24", "10.254.1.0", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.IpNetworkAddress)]
    [InlineData("10.254.1.0/24", "10.254.1.10", "10.254.1.255", "Ipv4.DhcpEnd", ValidationKeys.IpBroadcastAddress)]
    [InlineData("10.254.1.0/24", "10.254.1.1", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.IpGatewayAddress)]
    [InlineData("10.254.1.0/24", "10.254.1.x", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.IpMalformed)]
    [InlineData("10.254.1.0/24", "010.254.1.10", "10.254.1.50", "Ipv4.DhcpStart", ValidationKeys.IpMalformed)]
    public void Bad_dhcp_ranges_are_refused(string cidr, string start, string end, string field, string key) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings(cidr, DhcpStart: start, DhcpEnd: end) }, Host), field, key);

    [Fact]
    public void A_single_address_range_is_accepted() =>
        Refused.Valid(NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", DhcpStart: "10.254.1.9", DhcpEnd: "10.254.1.9") }, Host));

    [Fact]
    public void Half_a_range_is_refused() =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", DhcpStart: "10.254.1.9") }, Host), "Ipv4.DhcpEnd", ValidationKeys.Required);

    [Fact]
    public void The_range_must_not_hold_a_given_gateway() =>
        Refused.Assert(
            NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", "10.254.1.50", "10.254.1.50", "10.254.1.60") }, Host),
            "Ipv4.DhcpStart",
            ValidationKeys.IpGatewayAddress);

    [Theory]
    [InlineData("10.254.2.1", ValidationKeys.IpOutsideSubnet)]
    [InlineData("10.254.1.0", ValidationKeys.IpNetworkAddress)]
    [InlineData("10.254.1.255", ValidationKeys.IpBroadcastAddress)]
    [InlineData("nope", ValidationKeys.IpMalformed)]
    public void Bad_gateways_are_refused(string gateway, string key) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", gateway) }, Host), "Ipv4.Gateway", key);

    [Theory]
    [InlineData("192.168.122.0/24", "192.168.122.0/24", "default")]
    [InlineData("192.168.122.128/25", "192.168.122.0/24", "default")]
    [InlineData("192.168.0.0/16", "192.168.122.0/24", "default")]
    public void Overlapping_an_existing_network_is_refused_naming_it(string cidr, string other, string network)
    {
        ValidationProblem problem = Refused.Assert(NetworkSpecValidator.Validate(Nat(cidr), Host), "Ipv4.Cidr", ValidationKeys.NetworkOverlapsNetwork);
        Assert.Equal([cidr, other, network], problem.Args);
        Assert.Contains(network, problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("192.0.2.0/24")]
    [InlineData("192.0.2.0/30")]
    [InlineData("192.0.0.0/16")]
    [InlineData("127.0.0.0/24")]
    public void Overlapping_a_host_interface_address_is_refused_naming_it(string cidr)
    {
        ValidationProblem problem = Refused.Assert(NetworkSpecValidator.Validate(Nat(cidr), Host), "Ipv4.Cidr", ValidationKeys.NetworkOverlapsInterface);
        Assert.Equal(cidr.StartsWith("127", StringComparison.Ordinal) ? "lo" : "eth0", problem.Args[2]);
    }

    [Theory]
    [InlineData("192.168.121.0/24")]
    [InlineData("192.168.123.0/24")]
    [InlineData("192.0.3.0/24")]
    [InlineData("192.0.1.0/24")]
    public void Adjacent_subnets_do_not_overlap(string cidr) =>
        Refused.Valid(NetworkSpecValidator.Validate(Nat(cidr), Host));

    [Theory]
    [InlineData("fd00:aa::/64", ValidationKeys.NetworkOverlapsNetwork)]
    [InlineData("fd00:aa::/48", ValidationKeys.NetworkOverlapsNetwork)]
    [InlineData("fd00::/64", ValidationKeys.NetworkOverlapsInterface)]
    [InlineData("fd00::/16", ValidationKeys.NetworkOverlapsNetwork)]
    public void Ipv6_overlaps_are_refused(string prefix, string key) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings(prefix) }, Host), "Ipv6.Prefix", key);

    [Theory]
    [InlineData("fd00:ab::/64")]
    [InlineData("fd00:1::/64")]
    public void Ipv6_neighbours_do_not_overlap(string prefix) =>
        Refused.Valid(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings(prefix) }, Host));

    [Theory]
    [InlineData("fd00:254:1::/7", ValidationKeys.CidrPrefixOutOfRange)]
    [InlineData("fd00:254:1::/127", ValidationKeys.CidrPrefixOutOfRange)]
    [InlineData("fd00:254:1::1/64", ValidationKeys.CidrHostBitsSet)]
    [InlineData("10.254.1.0/24", ValidationKeys.CidrMalformed)]
    [InlineData("fd00:254:1::/129", ValidationKeys.CidrMalformed)]
    [InlineData("fe80::%eth0/64", ValidationKeys.CidrMalformed)]
    public void Bad_ipv6_prefixes_are_refused(string prefix, string key) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings(prefix) }, Host), "Ipv6.Prefix", key);

    [Fact]
    public void Ipv6_ranges_are_checked_like_ipv4_ones()
    {
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings("fd00:254:1::/64", null, "fd00:254:1::1", "fd00:254:1::ff") }, Host), "Ipv6.DhcpStart", ValidationKeys.IpGatewayAddress);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings("fd00:254:1::/64", null, "fd00:254:2::10", "fd00:254:1::ff") }, Host), "Ipv6.DhcpStart", ValidationKeys.IpOutsideSubnet);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings("fd00:254:1::/64", null, "fd00:254:1::ff", "fd00:254:1::10") }, Host), "Ipv6.DhcpStart", ValidationKeys.DhcpRangeReversed);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings("fd00:254:1::/64", null, "10.254.1.5", "fd00:254:1::10") }, Host), "Ipv6.DhcpStart", ValidationKeys.IpMalformed);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a23456789012345X")]
    [InlineData("br 0")]
    [InlineData("br/0")]
    [InlineData("br:0")]
    public void Bad_bridge_names_are_refused(string bridge) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { BridgeName = bridge }, Host), "BridgeName", ValidationKeys.InterfaceNameInvalid);

    [Fact]
    public void Fifteen_character_bridge_names_are_accepted() =>
        Assert.Equal("a23456789012345", Xml(Nat() with { BridgeName = "a23456789012345" }).Value("/network/bridge/@name"));

    [Fact]
    public void A_new_bridge_may_not_take_an_existing_interface_name() =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { BridgeName = "virbr0" }, Host), "BridgeName", ValidationKeys.InterfaceInUse);

    [Fact]
    public void Bridge_mode_needs_an_existing_host_bridge()
    {
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lan", NetworkMode.Bridge), Host), "BridgeName", ValidationKeys.Required);
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lan", NetworkMode.Bridge) { BridgeName = "br9" }, Host), "BridgeName", ValidationKeys.BridgeUnknown);
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lan", NetworkMode.Bridge) { BridgeName = "br 0" }, Host), "BridgeName", ValidationKeys.InterfaceNameInvalid);
    }

    [Fact]
    public void Bridge_mode_refuses_addresses_and_domains()
    {
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lan", NetworkMode.Bridge) { BridgeName = "br0", Ipv4 = new Ipv4Settings("10.254.9.0/24") }, Host), "Mode", ValidationKeys.NetworkBridgeModeNoIp);
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lan", NetworkMode.Bridge) { BridgeName = "br0", DomainName = "lan" }, Host), "Mode", ValidationKeys.NetworkBridgeModeNoIp);
    }

    [Fact]
    public void Nat_needs_ipv4_and_routed_needs_some_address()
    {
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lab", NetworkMode.Nat), Host), "Ipv4", ValidationKeys.Required);
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lab", NetworkMode.Routed), Host), "Ipv4", ValidationKeys.Required);
        Refused.Valid(NetworkSpecValidator.Validate(new NetworkSpec("lab", NetworkMode.Routed) { Ipv6 = new Ipv6Settings("fd00:254:9::/64") }, Host));
    }

    [Fact]
    public void Forward_devices_must_exist_and_only_serve_nat_and_routed()
    {
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { ForwardDevice = "eth9" }, Host), "ForwardDevice", ValidationKeys.InterfaceUnknown);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { ForwardDevice = "eth 0" }, Host), "ForwardDevice", ValidationKeys.InterfaceNameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(new NetworkSpec("lab", NetworkMode.Isolated) { ForwardDevice = "eth0" }, Host), "ForwardDevice", ValidationKeys.NetworkForwardDeviceUnused);
    }

    [Theory]
    [InlineData("-lab")]
    [InlineData("lab..example")]
    [InlineData("lab_example")]
    [InlineData("")]
    public void Bad_domain_names_are_refused(string domain) =>
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { DomainName = domain }, Host), "DomainName", ValidationKeys.DomainNameInvalid);

    [Fact]
    public void Names_are_checked_and_duplicates_refused()
    {
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Name = "default" }, Host), "Name", ValidationKeys.NetworkNameDuplicate);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Name = "a b" }, Host), "Name", ValidationKeys.NameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Mode = (NetworkMode)42 }, Host), "Mode", ValidationKeys.OptionInvalid);
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_are_refused_in_every_field(string nasty)
    {
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Name = "lab" + nasty }, Host), "Name", ValidationKeys.NameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { BridgeName = "v" + nasty }, Host), "BridgeName", ValidationKeys.InterfaceNameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { ForwardDevice = "e" + nasty }, Host), "ForwardDevice", ValidationKeys.InterfaceNameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { DomainName = "lab" + nasty }, Host), "DomainName", ValidationKeys.DomainNameInvalid);
        Refused.Assert(NetworkSpecValidator.Validate(Nat("10.254.1.0/24" + nasty), Host), "Ipv4.Cidr", ValidationKeys.CidrMalformed);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv4 = new Ipv4Settings("10.254.1.0/24", "10.254.1.1" + nasty) }, Host), "Ipv4.Gateway", ValidationKeys.IpMalformed);
        Refused.Assert(NetworkSpecValidator.Validate(Nat() with { Ipv6 = new Ipv6Settings("fd00:1::/64" + nasty) }, Host), "Ipv6.Prefix", ValidationKeys.CidrMalformed);
    }

    [Fact]
    public void Subnet_arithmetic()
    {
        Assert.True(IpSubnet.TryParse("10.0.0.0/8", AddressFamily.InterNetwork, out IpSubnet big, out _));
        Assert.True(IpSubnet.TryParse("10.20.30.0/24", AddressFamily.InterNetwork, out IpSubnet small, out _));
        Assert.True(IpSubnet.TryParse("11.0.0.0/8", AddressFamily.InterNetwork, out IpSubnet next, out _));
        Assert.True(big.Overlaps(small));
        Assert.True(small.Overlaps(big));
        Assert.True(big.Overlaps(big));
        Assert.False(big.Overlaps(next));
        Assert.Equal("10.255.255.255", IpSubnet.Format(big.Last, AddressFamily.InterNetwork));
        Assert.True(IpSubnet.TryParse("10.254.1.0/24", AddressFamily.InterNetwork, out IpSubnet v4, out _));
        Assert.True(IpSubnet.TryParse("::a00:0/104", AddressFamily.InterNetworkV6, out IpSubnet v6, out _));
        Assert.False(v4.Overlaps(v6));
    }
}
