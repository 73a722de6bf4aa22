using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class DomainEditingTests : IDisposable
{
    private const string MetadataUri = "https://webvirt.example/ns/guest/1";

    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Define_with_validation_rejects_unknown_elements()
    {
        XElement xml = XElement.Parse(TestDomainXml.Create(TestDomainXml.UniqueName("valid")));
        xml.Add(new XElement("bogus"));

        LibvirtException error = Assert.Throws<LibvirtException>(() => _connection.DefineDomainXml(xml.ToString(), DomainDefineFlags.Validate));

        Assert.Equal(LibvirtErrorCodes.XmlInvalidSchema, error.Code);
    }

    [Fact]
    public void Vcpus_and_memory_are_changed_in_the_config()
    {
        using LibvirtDomain domain = Define("cpu", maxVcpus: 4);
        try
        {
            domain.SetVcpus(3, DomainModificationImpact.Config);
            domain.SetMaxMemory(2 * TestDomainXml.MemoryKiB);
            domain.SetMemory(TestDomainXml.MemoryKiB / 2, DomainModificationImpact.Config);

            XElement config = XElement.Parse(domain.GetXmlDesc(inactive: true));
            Assert.Equal(3, (int?)config.Element("vcpu")?.Attribute("current"));
            Assert.Equal(4, (int?)config.Element("vcpu"));
            Assert.Equal(2 * TestDomainXml.MemoryKiB, (long?)config.Element("memory"));
            Assert.Equal(TestDomainXml.MemoryKiB / 2, (long?)config.Element("currentMemory"));

            domain.SetVcpus(2, DomainModificationImpact.Config, maximum: true);
            Assert.Equal(2, (int?)XElement.Parse(domain.GetXmlDesc(inactive: true)).Element("vcpu"));
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Metadata_element_title_and_description_round_trip()
    {
        using LibvirtDomain domain = Define("meta");
        try
        {
            Assert.Null(domain.GetMetadata(DomainMetadataType.Element, MetadataUri));

            domain.SetMetadata(DomainMetadataType.Element, "<guest><owner>alice</owner></guest>", "webvirt", MetadataUri);
            domain.SetMetadata(DomainMetadataType.Title, "A title");
            domain.SetMetadata(DomainMetadataType.Description, "Line one\nline two");

            // libvirt hands the element back without the namespace it stores it under.
            XElement element = XElement.Parse(domain.GetMetadata(DomainMetadataType.Element, MetadataUri)!);
            Assert.Equal("alice", (string?)element.Element("owner"));
            Assert.Contains(MetadataUri, domain.GetXmlDesc(), StringComparison.Ordinal);
            Assert.Equal("A title", domain.GetMetadata(DomainMetadataType.Title));
            Assert.Equal("Line one\nline two", domain.GetMetadata(DomainMetadataType.Description));

            domain.SetMetadata(DomainMetadataType.Element, null, null, MetadataUri);
            Assert.Null(domain.GetMetadata(DomainMetadataType.Element, MetadataUri));
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Running_default_domain_reports_device_stats_and_addresses()
    {
        using LibvirtDomain domain = _connection.LookupDomainByName(TestDriverCollection.DefaultDomain);
        XElement xml = XElement.Parse(domain.GetXmlDesc());
        string disk = (string)xml.Element("devices")!.Element("disk")!.Element("target")!.Attribute("dev")!;
        string nic = (string)xml.Element("devices")!.Element("interface")!.Element("target")!.Attribute("dev")!;

        DomainBlockStats block = domain.GetBlockStats(disk);
        Assert.True(block.ReadBytes >= 0 && block.WriteBytes >= 0);

        DomainInterfaceStats net = domain.GetInterfaceStats(nic);
        Assert.True(net.RxBytes >= 0 && net.TxPackets >= 0);

        DomainBlockInfo info = domain.GetBlockInfo(disk);
        Assert.True(info.CapacityBytes > 0);

        DomainInterfaceAddresses iface = Assert.Single(domain.GetInterfaceAddresses(InterfaceAddressSource.Lease));
        Assert.Matches("^([0-9a-f]{2}:){5}[0-9a-f]{2}$", iface.HardwareAddress);
        Assert.Contains(iface.Addresses, a => a.Type == IpAddressType.IPv4 && a.Prefix > 0);
    }

    private LibvirtDomain Define(string purpose, int maxVcpus = 1)
    {
        XElement xml = XElement.Parse(TestDomainXml.Create(TestDomainXml.UniqueName(purpose)));
        xml.Element("vcpu")!.Value = maxVcpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _connection.DefineDomainXml(xml.ToString(), DomainDefineFlags.Validate);
    }
}
