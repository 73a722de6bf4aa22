using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuHostInterfaceTests(QemuFixture fixture)
{
    [Fact]
    public void Loopback_has_its_addresses()
    {
        HostNetworkInterface lo = Assert.Single(HostNetworkInterfaces.List(), i => i.Name == "lo");

        Assert.Contains(new HostIpAddress(IpAddressType.IPv4, "127.0.0.1", 8), lo.Addresses);
        Assert.Equal("00:00:00:00:00:00", lo.MacAddress);
        Assert.False(lo.IsBridge);
        Assert.Null(lo.BridgeMaster);
    }

    [Fact]
    public async Task Guest_tap_is_a_port_of_its_network_bridge_which_has_the_network_address()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);
        XElement nic = XElement.Parse(domain.GetXmlDesc()).Element("devices")!.Element("interface")!;
        string tap = (string)nic.Element("target")!.Attribute("dev")!;
        using LibvirtNetwork network = connection.LookupNetworkByName((string)nic.Element("source")!.Attribute("network")!);
        string bridgeName = network.GetBridgeName();
        XElement ip = XElement.Parse(network.GetXmlDesc()).Element("ip")!;

        IReadOnlyList<HostNetworkInterface> interfaces = HostNetworkInterfaces.List();

        HostNetworkInterface port = Assert.Single(interfaces, i => i.Name == tap);
        Assert.Equal(bridgeName, port.BridgeMaster);
        Assert.False(port.IsBridge);
        HostNetworkInterface bridge = Assert.Single(interfaces, i => i.Name == bridgeName);
        Assert.True(bridge.IsBridge);
        Assert.Contains(new HostIpAddress(IpAddressType.IPv4, (string)ip.Attribute("address")!, (int)ip.Attribute("prefix")!), bridge.Addresses);
        Assert.Equal((string?)XElement.Parse(network.GetXmlDesc()).Element("mac")?.Attribute("address"), bridge.MacAddress);
    }
}
