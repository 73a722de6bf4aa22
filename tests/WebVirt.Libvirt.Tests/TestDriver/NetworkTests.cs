using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class NetworkTests : IDisposable
{
    private const string DefaultNetwork = "default";

    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Default_network_is_listed_and_described()
    {
        IReadOnlyList<LibvirtNetwork> networks = _connection.ListAllNetworks(NetworkListFlags.Active | NetworkListFlags.Persistent);
        try
        {
            LibvirtNetwork listed = Assert.Single(networks, n => n.Name == DefaultNetwork);
            using LibvirtNetwork byUuid = _connection.LookupNetworkByUuid(listed.Uuid);
            using LibvirtNetwork byName = _connection.LookupNetworkByName(DefaultNetwork);

            Assert.Equal(DefaultNetwork, byUuid.Name);
            Assert.Equal(listed.Uuid, byName.Uuid);
            Assert.True(byName.IsActive());
            Assert.True(byName.IsPersistent());
            Assert.Equal("virbr0", byName.GetBridgeName());
            Assert.Equal("virbr0", (string?)XElement.Parse(byName.GetXmlDesc()).Element("bridge")?.Attribute("name"));
        }
        finally
        {
            foreach (LibvirtNetwork network in networks)
            {
                network.Dispose();
            }
        }
    }

    [Fact]
    public void Defined_network_starts_stops_and_is_undefined()
    {
        string name = TestDomainXml.UniqueName("net");
        using LibvirtNetwork network = _connection.DefineNetworkXml(IsolatedNetwork(name, "wvtunit0"), validate: true);
        try
        {
            Assert.False(network.IsActive());
            Assert.True(network.IsPersistent());

            network.Create();
            Assert.True(network.IsActive());
            Assert.Equal("wvtunit0", network.GetBridgeName());

            Assert.False(network.GetAutostart());
            network.SetAutostart(true);
            Assert.True(network.GetAutostart());
            network.SetAutostart(false);

            network.Destroy();
            Assert.False(network.IsActive());
        }
        finally
        {
            network.Undefine();
        }

        Assert.Equal(LibvirtErrorCodes.NoNetwork, Assert.Throws<LibvirtException>(() => _connection.LookupNetworkByName(name)).Code);
    }

    [Fact]
    public void Transient_network_disappears_when_destroyed()
    {
        string name = TestDomainXml.UniqueName("tnet");
        using LibvirtNetwork network = _connection.CreateNetworkXml(IsolatedNetwork(name, "wvtunit1"));

        Assert.True(network.IsActive());
        Assert.False(network.IsPersistent());
        network.Destroy();

        Assert.Equal(LibvirtErrorCodes.NoNetwork, Assert.Throws<LibvirtException>(() => _connection.LookupNetworkByName(name)).Code);
    }

    private static string IsolatedNetwork(string name, string bridge) =>
        new XElement(
            "network",
            new XElement("name", name),
            new XElement("bridge", new XAttribute("name", bridge)),
            new XElement("ip", new XAttribute("address", "10.254.1.1"), new XAttribute("prefix", 24))).ToString();
}
