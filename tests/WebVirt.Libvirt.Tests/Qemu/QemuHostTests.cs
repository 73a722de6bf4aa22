using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuHostTests
{
    [Fact]
    public void Host_is_described_by_the_qemu_driver()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        Assert.Equal("qemu:///system", connection.Uri);
        Assert.True(connection.IsAlive);
        Assert.Equal("QEMU", connection.GetHypervisorType());
        Assert.True(connection.GetHypervisorVersion() >= 7_000_000, LibvirtConnection.FormatVersion(connection.GetHypervisorVersion()));
        Assert.Equal(Environment.ProcessorCount, connection.GetNodeInfo().Cpus);
        Assert.Contains(
            XElement.Parse(connection.GetCapabilities()).Elements("guest"),
            g => (string?)g.Element("arch")?.Attribute("name") == "x86_64");
    }

    [Fact]
    public void Node_memory_stats_report_the_four_linux_counters()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        IReadOnlyDictionary<string, ulong> stats = connection.GetNodeMemoryStats();

        Assert.Equal(["buffers", "cached", "free", "total"], stats.Keys.Order(StringComparer.Ordinal));
        Assert.InRange(stats["free"], 1UL, stats["total"]);
        Assert.InRange(stats["cached"], 0UL, stats["total"]);
    }

    [Fact]
    public void Keepalive_is_accepted_by_the_daemon()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        connection.SetKeepAlive(5, 3);

        Assert.True(connection.IsAlive);
    }
}
