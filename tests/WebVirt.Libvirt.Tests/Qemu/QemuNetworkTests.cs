using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuNetworkTests
{
    [Fact]
    public void Isolated_network_starts_takes_a_static_dhcp_host_and_is_removed()
    {
        string name = TestRun.GuestName("net-life");
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        try
        {
            string octet = IsolatedSubnet.PickThirdOctet(connection);
            using LibvirtNetwork network = connection.DefineNetworkXml(QemuTestXml.IsolatedNetwork(name, octet), validate: true);
            Assert.False(network.IsActive());

            network.Create();
            Assert.True(network.IsActive());
            Assert.True(network.IsPersistent());
            string bridge = network.GetBridgeName();
            Assert.StartsWith("virbr", bridge, StringComparison.Ordinal);
            Assert.True(Directory.Exists($"/sys/class/net/{bridge}/bridge"), $"{bridge} is not a bridge on the host");
            Assert.Empty(network.GetDhcpLeases());

            DateTimeOffset expiry = DateTimeOffset.UtcNow.AddHours(1);
            DnsmasqLeaseFile.Write(bridge, "52:54:00:5e:00:09", $"10.254.{octet}.57", "guest9", expiry);
            NetworkDhcpLease lease = Assert.Single(network.GetDhcpLeases());
            Assert.Equal(
                new NetworkDhcpLease(bridge, expiry.ToUnixTimeSeconds(), IpAddressType.IPv4, "52:54:00:5e:00:09", null, $"10.254.{octet}.57", 24, "guest9", "01:52:54:00:5e:00:09"),
                lease);
            Assert.Single(network.GetDhcpLeases("52:54:00:5e:00:09"));
            Assert.Empty(network.GetDhcpLeases("52:54:00:5e:00:08"));

            string host = new XElement(
                "host", new XAttribute("mac", "52:54:00:5e:00:01"), new XAttribute("name", "static1"), new XAttribute("ip", $"10.254.{octet}.10")).ToString();
            network.Update(NetworkUpdateCommand.AddLast, NetworkUpdateSection.IpDhcpHost, -1, host, NetworkUpdateFlags.Live | NetworkUpdateFlags.Config);
            Assert.Equal($"10.254.{octet}.10", (string?)StaticHost(network.GetXmlDesc())?.Attribute("ip"));
            Assert.Equal($"10.254.{octet}.10", (string?)StaticHost(network.GetXmlDesc(inactive: true))?.Attribute("ip"));

            network.Update(NetworkUpdateCommand.Delete, NetworkUpdateSection.IpDhcpHost, -1, host, NetworkUpdateFlags.Live | NetworkUpdateFlags.Config);
            Assert.Null(StaticHost(network.GetXmlDesc()));

            network.Destroy();
            Assert.False(Directory.Exists($"/sys/class/net/{bridge}"));
            network.Undefine();
            Assert.Equal(LibvirtErrorCodes.NoNetwork, Assert.Throws<LibvirtException>(() => connection.LookupNetworkByName(name)).Code);
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(QemuFixture.Uri, prefix: name);
        }
    }

    private static XElement? StaticHost(string networkXml) =>
        XElement.Parse(networkXml).Element("ip")?.Element("dhcp")?.Elements("host").SingleOrDefault();
}
