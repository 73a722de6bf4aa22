using System.Xml.Linq;
using WebVirt.Domain.Cloning;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests;

public sealed class CloneXmlTransformerTests : IDisposable
{
    private static readonly DateTimeOffset ClonedAt = new(2026, 12, 1, 8, 30, 0, TimeSpan.Zero);

    private readonly FakePool _pool = new();
    private readonly HostLimits _host;

    public CloneXmlTransformerTests() => _host = Hosts.For(_pool);

    public void Dispose() => _pool.Dispose();

    [Fact]
    public void The_clone_gets_a_new_identity_new_macs_and_copied_disks_while_isos_stay_shared()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();
        string copy = _pool.PathOf("copy.qcow2");

        XDocument clone = Clone(source, new Dictionary<string, string> { [sourceDisk] = copy });

        Assert.Null(clone.Value("/domain/uuid"));
        Assert.Equal("copy", clone.Value("/domain/name"));
        Assert.Equal(copy, clone.Value("/domain/devices/disk[@device='disk']/source/@file"));
        Assert.Equal(_pool.IsoPath, clone.Value("/domain/devices/disk[@device='cdrom']/source/@file"));
        string[] sourceMacs = source.All("/domain/devices/interface/mac").Select(m => (string)m.Attribute("address")!).ToArray();
        string[] cloneMacs = clone.All("/domain/devices/interface/mac").Select(m => (string)m.Attribute("address")!).ToArray();
        Assert.Equal(2, cloneMacs.Length);
        Assert.Equal(2, cloneMacs.Distinct().Count());
        Assert.Empty(cloneMacs.Intersect(sourceMacs));
        Assert.DoesNotContain(Hosts.UsedMac, cloneMacs);
        Assert.All(cloneMacs, mac => Assert.StartsWith("52:54:00:", mac, StringComparison.Ordinal));
    }

    [Fact]
    public void Nvram_is_dropped_and_graphics_ports_are_reset()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();
        source.Root!.Element("os")!.Add(new XElement("nvram", "/var/lib/libvirt/qemu/nvram/source_VARS.fd"));
        XElement graphics = source.Root.Element("devices")!.Element("graphics")!;
        graphics.SetAttributeValue("port", "5901");
        graphics.SetAttributeValue("autoport", "no");
        graphics.SetAttributeValue("websocket", "5701");

        XDocument clone = Clone(source, new Dictionary<string, string> { [sourceDisk] = _pool.PathOf("copy.qcow2") });

        Assert.Equal(0, clone.Count("/domain/os/nvram"));
        Assert.Equal("efi", clone.Value("/domain/os/@firmware"));
        Assert.Equal("-1", clone.Value("/domain/devices/graphics/@port"));
        Assert.Equal("yes", clone.Value("/domain/devices/graphics/@autoport"));
        Assert.Equal("-1", clone.Value("/domain/devices/graphics/@websocket"));
    }

    [Fact]
    public void The_metadata_records_the_source_and_clears_the_template_flag()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();
        string templateXml = WebVirtMetadata.WithTemplateFlag(source.ToString(), isTemplate: true);

        XDocument clone = Clone(XDocument.Parse(templateXml), new Dictionary<string, string> { [sourceDisk] = _pool.PathOf("copy.qcow2") });
        WebVirtMetadata metadata = WebVirtMetadata.Read(clone)!;

        Assert.False(metadata.IsTemplate);
        Assert.Equal(SourceKinds.Template, metadata.SourceKind);
        Assert.Equal(source.Value("/domain/uuid"), metadata.ClonedFrom);
        Assert.Equal("bob", metadata.CreatedBy);
        Assert.Equal(ClonedAt, metadata.CreatedAt);
        Assert.Equal("debian11", metadata.OsVariant);
        Assert.Equal(1, clone.Count("/domain/metadata/*"));
    }

    [Fact]
    public void A_guest_without_metadata_gets_a_clone_record()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();
        source.Root!.Element("metadata")!.Remove();

        XDocument clone = Clone(source, new Dictionary<string, string> { [sourceDisk] = _pool.PathOf("copy.qcow2") });

        Assert.Equal(SourceKinds.Clone, WebVirtMetadata.Read(clone)!.SourceKind);
        Assert.Equal("metadata", clone.Root!.Element("name")!.ElementsAfterSelf().Skip(1).First().Name.LocalName);
    }

    [Fact]
    public void Resource_overrides_replace_vcpus_and_memory()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();
        var request = new CloneRequest("copy", new Dictionary<string, string> { [sourceDisk] = _pool.PathOf("copy.qcow2") }, "bob", ClonedAt) { VCpus = 3, MemoryMiB = 2048 };

        XDocument clone = XDocument.Parse(CloneXmlTransformer.Transform(source.ToString(), request, _host).Xml!);

        Assert.Equal("3", clone.Value("/domain/vcpu"));
        Assert.Equal("2097152", clone.Value("/domain/memory[@unit='KiB']"));
        Assert.Equal("2097152", clone.Value("/domain/currentMemory[@unit='KiB']"));
    }

    [Fact]
    public void A_writable_disk_without_a_copy_is_refused()
    {
        (XDocument source, _) = SourceWithTwoNics();

        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest("copy", new Dictionary<string, string>(), "bob", ClonedAt), _host);

        Assert.Null(result.Xml);
        Assert.Equal(ValidationKeys.CloneDiskNotMapped, Assert.Single(result.Problems).Key);
    }

    [Theory]
    [InlineData("/etc/copy.qcow2", ValidationKeys.PathOutsidePools)]
    [InlineData("relative.qcow2", ValidationKeys.PathNotAbsolute)]
    public void A_copy_outside_the_pools_is_refused(string target, string key)
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();

        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest("copy", new Dictionary<string, string> { [sourceDisk] = target }, "bob", ClonedAt), _host);

        Assert.Null(result.Xml);
        Assert.Equal(key, Assert.Single(result.Problems).Key);
    }

    [Fact]
    public void A_copy_onto_an_existing_volume_is_refused()
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();

        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest("copy", new Dictionary<string, string> { [sourceDisk] = _pool.DataPath }, "bob", ClonedAt), _host);

        Assert.Equal(ValidationKeys.VolumeExists, Assert.Single(result.Problems).Key);
    }

    [Theory]
    [InlineData("existing", ValidationKeys.NameDuplicate)]
    [InlineData("bad<name", ValidationKeys.NameInvalid)]
    public void A_bad_new_name_is_refused(string name, string key)
    {
        (XDocument source, string sourceDisk) = SourceWithTwoNics();

        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest(name, new Dictionary<string, string> { [sourceDisk] = _pool.PathOf("copy.qcow2") }, "bob", ClonedAt), _host);

        Assert.Null(result.Xml);
        Assert.Equal(key, Assert.Single(result.Problems).Key);
    }

    [Fact]
    public void Unreadable_source_xml_is_refused() =>
        Assert.Equal(ValidationKeys.CloneSourceInvalid, Assert.Single(CloneXmlTransformer.Transform("<domain>", new CloneRequest("copy", new Dictionary<string, string>(), "bob", ClonedAt), _host).Problems).Key);

    private XDocument Clone(XDocument source, IReadOnlyDictionary<string, string> copies)
    {
        CloneResult result = CloneXmlTransformer.Transform(source.ToString(), new CloneRequest("copy", copies, "bob", ClonedAt), _host);
        Assert.True(result.IsValid, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        return XDocument.Parse(result.Xml!);
    }

    // A defined guest as libvirt would return it: with a uuid, two NICs, an ISO and UEFI.
    private (XDocument Source, string Disk) SourceWithTwoNics()
    {
        GuestSpec spec = Specs.Iso(_pool, "source") with { Firmware = Firmware.Uefi };
        ValidatedGuest guest = Build.Validated(spec, _host);
        XDocument xml = DomainXmlBuilder.Build(guest, Build.Context with { Uuid = Guid.NewGuid() });
        XElement nic = xml.Root!.Element("devices")!.Element("interface")!;
        var second = new XElement(nic);
        second.Element("mac")!.SetAttributeValue("address", "52:54:00:99:99:99");
        second.Add(new XElement("target", new XAttribute("dev", "vnet7")));
        nic.AddAfterSelf(second);
        return (xml, guest.Disks[0].Path);
    }
}
