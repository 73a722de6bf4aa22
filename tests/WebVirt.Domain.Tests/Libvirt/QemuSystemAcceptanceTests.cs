using System.Xml.Linq;
using WebVirt.Domain.Tests.Support;
using WebVirt.Testing;

namespace WebVirt.Domain.Tests.Libvirt;

/// <summary>The same XML on the host's real QEMU driver, as TCG guests (type='qemu').</summary>
[Collection(LibvirtCollection.Name)]
public sealed class QemuSystemAcceptanceTests : IDisposable
{
    private const string Uri = "qemu:///system";
    private readonly FakePool _pool = new();

    public static TheoryData<string> Cases() => new(AcceptanceCases.All);

    public static TheoryData<string> UefiCases() => new("uefi", "uefi-pc");

    public void Dispose()
    {
        _pool.Dispose();
        TestGuestCleaner.RemoveRunGuests(Uri);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_xml_is_accepted(string name)
    {
        XDocument stored = DefineAndUndefine.Run(Uri, AcceptanceCases.Xml(name, _pool, AcceptanceCases.Host(_pool)));
        Assert.Equal("qemu", (string?)stored.Root!.Attribute("type"));
    }

    [Fact]
    public void Machine_types_are_expanded_by_qemu()
    {
        XDocument stored = DefineAndUndefine.Run(Uri, AcceptanceCases.Xml("iso-pc", _pool, AcceptanceCases.Host(_pool)));
        Assert.StartsWith("pc-i440fx-", (string?)stored.Root!.Element("os")!.Element("type")!.Attribute("machine"), StringComparison.Ordinal);
        Assert.Equal("ide", (string?)stored.Root.Element("devices")!.Elements("disk").Single(d => (string?)d.Attribute("device") == "cdrom").Element("target")!.Attribute("bus"));
    }

    [SkippableUefiTheory]
    [MemberData(nameof(UefiCases))]
    public void Uefi_xml_is_accepted_with_ovmf_selected_by_libvirt(string name)
    {
        XDocument stored = DefineAndUndefine.Run(Uri, AcceptanceCases.Xml(name, _pool, AcceptanceCases.Host(_pool)));
        XElement os = stored.Root!.Element("os")!;
        Assert.Equal("efi", (string?)os.Attribute("firmware"));
    }
}
