using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuLiveEditingTests(QemuFixture fixture)
{
    private const string MetadataUri = "https://webvirt.example/ns/guest/1";

    [Fact]
    public async Task Running_guest_disk_grows_and_reports_block_info_and_stats()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);

        Assert.Equal(RunningTestGuest.DiskBytes, domain.GetBlockInfo(RunningTestGuest.DiskTarget).CapacityBytes);
        domain.BlockResize(RunningTestGuest.DiskTarget, 2 * RunningTestGuest.DiskBytes);

        DomainBlockInfo grown = domain.GetBlockInfo(RunningTestGuest.DiskTarget);
        Assert.Equal(2 * RunningTestGuest.DiskBytes, grown.CapacityBytes);
        Assert.True(grown.PhysicalBytes > 0);

        // The guest kernel probes the partition table of vda at boot.
        DomainBlockStats block = domain.GetBlockStats(RunningTestGuest.DiskTarget);
        Assert.True(block.ReadRequests > 0 && block.ReadBytes > 0, $"no reads on vda: {block}");

        DomainStatsRecord stats = Assert.Single(connection.GetDomainStats([domain], DomainStatsTypes.Block | DomainStatsTypes.Interface));
        Assert.Equal(RunningTestGuest.DiskTarget, stats.Params["block.0.name"]);
        Assert.Equal(2 * RunningTestGuest.DiskBytes, Assert.IsType<ulong>(stats.Params["block.0.capacity"]));
        Assert.Equal((ulong)block.ReadBytes, Assert.IsType<ulong>(stats.Params["block.0.rd.bytes"]));
        Assert.IsType<ulong>(stats.Params["net.0.rx.bytes"]);
        Assert.Equal(1U, Assert.IsType<uint>(stats.Params["net.count"]));
    }

    [Fact]
    public async Task Running_guest_nic_has_stats_and_addresses_from_its_lease()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);
        XElement nic = XElement.Parse(domain.GetXmlDesc()).Element("devices")!.Element("interface")!;
        string tap = (string)nic.Element("target")!.Attribute("dev")!;

        DomainInterfaceStats stats = domain.GetInterfaceStats(tap);
        DomainStatsRecord later = Assert.Single(connection.GetDomainStats([domain], DomainStatsTypes.Interface));
        Assert.Equal(tap, later.Params["net.0.name"]);
        Assert.InRange((ulong)stats.RxBytes, 0UL, Assert.IsType<ulong>(later.Params["net.0.rx.bytes"]));
        Assert.InRange((ulong)stats.TxPackets, 0UL, Assert.IsType<ulong>(later.Params["net.0.tx.pkts"]));
        Assert.Equal(0, stats.RxErrors);
        Assert.Equal(0, stats.TxErrors);
        Assert.Equal(RunningTestGuest.Mac, (string?)nic.Element("mac")?.Attribute("address"));

        // The test guest never configures its NIC, so dnsmasq has handed out nothing ...
        Assert.Empty(domain.GetInterfaceAddresses(InterfaceAddressSource.Lease));

        // ... until a lease for its MAC is on record.
        using LibvirtNetwork network = connection.LookupNetworkByName((string)nic.Element("source")!.Attribute("network")!);
        string bridge = network.GetBridgeName();
        string address = ((string)XElement.Parse(network.GetXmlDesc()).Element("ip")!.Attribute("address")!)[..^1] + "42";
        DnsmasqLeaseFile.Write(bridge, RunningTestGuest.Mac, address, "shared", DateTimeOffset.UtcNow.AddHours(1));
        try
        {
            DomainInterfaceAddresses iface = Assert.Single(domain.GetInterfaceAddresses(InterfaceAddressSource.Lease));
            Assert.Equal(tap, iface.Name);
            Assert.Equal(RunningTestGuest.Mac, iface.HardwareAddress);
            Assert.Equal([new DomainIpAddress(IpAddressType.IPv4, address, 24)], iface.Addresses);
        }
        finally
        {
            DnsmasqLeaseFile.Clear(bridge);
        }
    }

    [Fact]
    public async Task Metadata_is_set_on_the_live_guest_and_its_config()
    {
        RunningTestGuest guest = await fixture.GetRunningGuestAsync();
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);
        using LibvirtDomain domain = connection.LookupDomainByName(guest.Name);
        const DomainModificationImpact both = DomainModificationImpact.Live | DomainModificationImpact.Config;

        domain.SetMetadata(DomainMetadataType.Element, "<guest><tag>web</tag></guest>", "webvirt", MetadataUri, both);

        Assert.Equal("web", (string?)XElement.Parse(domain.GetMetadata(DomainMetadataType.Element, MetadataUri, DomainModificationImpact.Live)!).Element("tag"));
        Assert.Equal("web", (string?)XElement.Parse(domain.GetMetadata(DomainMetadataType.Element, MetadataUri, DomainModificationImpact.Config)!).Element("tag"));
        domain.SetMetadata(DomainMetadataType.Element, null, null, MetadataUri, both);
        Assert.Null(domain.GetMetadata(DomainMetadataType.Element, MetadataUri));
    }
}
