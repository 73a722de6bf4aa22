using WebVirt.Domain.Definition;
using System.Xml.Linq;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;
using WebVirt.Testing;

namespace WebVirt.Domain.Tests.Libvirt;

[Collection(LibvirtCollection.Name)]
public sealed class TestDriverAcceptanceTests : IDisposable
{
    private const string Uri = "test:///default";
    private readonly FakePool _pool = new();

    public static TheoryData<string> Cases() => new(AcceptanceCases.All);

    public void Dispose()
    {
        _pool.Dispose();
        TestGuestCleaner.RemoveRunGuests(Uri);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_xml_is_accepted(string name) =>
        DefineAndUndefine.Run(Uri, AcceptanceCases.Xml(name, _pool, AcceptanceCases.Host(_pool)));

    [Fact]
    public void A_kvm_guest_with_host_passthrough_is_accepted()
    {
        HostLimits host = AcceptanceCases.Host(_pool);
        var spec = Specs.Iso(_pool, TestRun.GuestName("kvm")) with { VCpus = 1 };
        XDocument stored = DefineAndUndefine.Run(Uri, DomainXmlBuilder.BuildString(Build.Validated(spec, host), Build.Context));
        Assert.Equal("kvm", (string?)stored.Root!.Attribute("type"));
    }
}
