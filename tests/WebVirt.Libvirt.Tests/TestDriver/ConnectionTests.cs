using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class ConnectionTests
{
    [Fact]
    public void Open_reports_canonical_uri_and_is_alive()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        Assert.Equal("test:///default", connection.Uri);
        Assert.True(connection.IsAlive);
    }

    [Fact]
    public void Host_information_matches_the_test_driver()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        Assert.Equal(Environment.MachineName, connection.GetHostname());
        Assert.Equal(new NodeInfo("i686", 3145728, 16, 1400, 2, 2, 2, 2), connection.GetNodeInfo());
        Assert.Equal("TEST", connection.GetHypervisorType());
        Assert.Equal(2UL, connection.GetHypervisorVersion());
        Assert.True(connection.GetLibVersion() >= 9_000_000, $"libvirt {connection.GetLibVersion()} is older than 9.0.0");
    }

    [Fact]
    public void Capabilities_are_xml_describing_the_host()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        XElement capabilities = XElement.Parse(connection.GetCapabilities());

        Assert.Equal("capabilities", capabilities.Name.LocalName);
        Assert.NotNull(capabilities.Element("host")?.Element("cpu"));
        Assert.NotEmpty(capabilities.Elements("guest"));
    }

    [Fact]
    public void Node_memory_stats_are_unsupported_by_the_test_driver()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);

        LibvirtException error = Assert.Throws<LibvirtException>(() => connection.GetNodeMemoryStats());

        Assert.Equal(LibvirtErrorCodes.NoSupport, error.Code);
        Assert.Equal("VIR_ERR_NO_SUPPORT", error.CodeName);
    }

    [Theory]
    [InlineData(9_000_000UL, "9.0.0")]
    [InlineData(10_002_003UL, "10.2.3")]
    [InlineData(7_002_000UL, "7.2.0")]
    [InlineData(2UL, "0.0.2")]
    public void FormatVersion_splits_major_minor_release(ulong version, string expected)
    {
        Assert.Equal(expected, LibvirtConnection.FormatVersion(version));
    }

    [Fact]
    public void Dispose_twice_is_harmless()
    {
        LibvirtConnection connection = LibvirtConnection.Open(TestDriverCollection.Uri);
        connection.Dispose();
        connection.Dispose();

        Assert.Throws<ObjectDisposedException>(() => connection.GetHostname());
    }
}
