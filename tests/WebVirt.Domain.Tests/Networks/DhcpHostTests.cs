using System.Xml.Linq;
using WebVirt.Domain.Networks;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Networks;

public sealed class DhcpHostTests
{
    private const string NetworkXml = """
        <network>
          <name>lab</name>
          <forward mode='nat'/>
          <ip address='10.254.1.1' prefix='24'>
            <dhcp>
              <range start='10.254.1.100' end='10.254.1.200'/>
              <host mac='52:54:00:00:00:01' name='web' ip='10.254.1.10'/>
            </dhcp>
          </ip>
          <ip family='ipv6' address='fd00:254:1::1' prefix='64'/>
        </network>
        """;

    [Fact]
    public void A_static_lease_becomes_a_host_element()
    {
        ValidatedDhcpHost host = Refused.Valid(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:AB:CD:EF", "10.254.1.11", "db"), NetworkXml));
        XElement element = NetworkXmlBuilder.DhcpHost(host);

        Assert.Equal("host", element.Name.LocalName);
        Assert.Equal("52:54:00:ab:cd:ef", (string?)element.Attribute("mac"));
        Assert.Equal("10.254.1.11", (string?)element.Attribute("ip"));
        Assert.Equal("db", (string?)element.Attribute("name"));
    }

    [Fact]
    public void The_name_is_optional() =>
        Assert.Null(NetworkXmlBuilder.DhcpHost(Refused.Valid(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:ab:cd:ef", "10.254.1.11"), NetworkXml))).Attribute("name"));

    [Fact]
    public void Netmask_networks_are_understood() =>
        Refused.Assert(
            DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:ab:cd:ef", "10.254.2.1"), "<network><name>n</name><ip address='10.254.0.1' netmask='255.255.254.0'/></network>"),
            "Ip",
            ValidationKeys.IpOutsideSubnet);

    [Theory]
    [InlineData("52:54:00:00:00:01", "10.254.1.11", null, "Mac", ValidationKeys.MacDuplicate)]
    [InlineData("52:54:00:00:00", "10.254.1.11", null, "Mac", ValidationKeys.MacMalformed)]
    [InlineData("01:54:00:00:00:02", "10.254.1.11", null, "Mac", ValidationKeys.MacMulticast)]
    [InlineData("52:54:00:00:00:02", "10.254.1.10", null, "Ip", ValidationKeys.DhcpHostIpInUse)]
    [InlineData("52:54:00:00:00:02", "10.254.2.10", null, "Ip", ValidationKeys.IpOutsideSubnet)]
    [InlineData("52:54:00:00:00:02", "10.254.1.1", null, "Ip", ValidationKeys.IpGatewayAddress)]
    [InlineData("52:54:00:00:00:02", "10.254.1.0", null, "Ip", ValidationKeys.IpNetworkAddress)]
    [InlineData("52:54:00:00:00:02", "10.254.1.255", null, "Ip", ValidationKeys.IpBroadcastAddress)]
    [InlineData("52:54:00:00:00:02", "fd00:254:1::5", null, "Ip", ValidationKeys.IpMalformed)]
    [InlineData("52:54:00:00:00:02", "10.254.1.11", "WEB", "Name", ValidationKeys.DhcpHostNameInUse)]
    [InlineData("52:54:00:00:00:02", "10.254.1.11", "a b", "Name", ValidationKeys.DhcpHostNameInvalid)]
    public void Bad_leases_are_refused(string mac, string ip, string? name, string field, string key) =>
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec(mac, ip, name), NetworkXml), field, key);

    [Fact]
    public void A_network_without_ipv4_or_unreadable_xml_is_refused()
    {
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:00:00:02", "10.254.1.11"), "<network><name>v6</name><ip family='ipv6' address='fd00::1' prefix='64'/></network>"), "Network", ValidationKeys.NetworkNoIpv4);
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:00:00:02", "10.254.1.11"), "<network>"), "Network", ValidationKeys.XmlInvalid);
    }

    [Theory]
    [MemberData(nameof(MetacharacterTests.Nasties), MemberType = typeof(MetacharacterTests))]
    public void Metacharacters_are_refused(string nasty)
    {
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:00:00:02", "10.254.1.11", "db" + nasty), NetworkXml), "Name", ValidationKeys.DhcpHostNameInvalid);
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:00:00:02", "10.254.1.11" + nasty), NetworkXml), "Ip", ValidationKeys.IpMalformed);
        Refused.Assert(DhcpHostValidator.Validate(new DhcpHostSpec("52:54:00:00:00:0" + nasty, "10.254.1.11"), NetworkXml), "Mac", ValidationKeys.MacMalformed);
    }
}
