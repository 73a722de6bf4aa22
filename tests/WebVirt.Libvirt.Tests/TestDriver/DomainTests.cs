using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class DomainTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void List_contains_the_default_domain_and_lookups_agree()
    {
        IReadOnlyList<LibvirtDomain> domains = _connection.ListAllDomains();
        try
        {
            LibvirtDomain listed = Assert.Single(domains, d => d.Name == TestDriverCollection.DefaultDomain);
            Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", listed.Uuid);

            using LibvirtDomain byUuid = _connection.LookupDomainByUuid(listed.Uuid.ToUpperInvariant());
            using LibvirtDomain byName = _connection.LookupDomainByName(TestDriverCollection.DefaultDomain);
            Assert.Equal(TestDriverCollection.DefaultDomain, byUuid.Name);
            Assert.Equal(listed.Uuid, byName.Uuid);
            Assert.Equal(listed.Id, byName.Id);
        }
        finally
        {
            foreach (LibvirtDomain domain in domains)
            {
                domain.Dispose();
            }
        }
    }

    [Fact]
    public void Defined_domain_goes_through_its_lifecycle()
    {
        string name = TestDomainXml.UniqueName("life");
        using LibvirtDomain domain = _connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            Assert.Equal(name, domain.Name);
            Assert.True(domain.IsPersistent());
            Assert.False(domain.IsActive());
            Assert.Equal(-1, domain.Id);
            Assert.Equal((DomainState.Shutoff, 0), domain.GetState());

            domain.Create();
            Assert.True(domain.IsActive());
            Assert.True(domain.Id > 0);
            AssertState(domain, DomainState.Running, "booted");

            domain.Suspend();
            AssertState(domain, DomainState.Paused, "user");

            domain.Resume();
            AssertState(domain, DomainState.Running, "unpaused");

            domain.Reboot();
            Assert.Equal(DomainState.Running, domain.GetState().State);

            domain.Reset();
            Assert.Equal(DomainState.Running, domain.GetState().State);

            domain.Shutdown();
            AssertState(domain, DomainState.Shutoff, "shutdown");
            Assert.Equal(-1, domain.Id);

            domain.Create();
            domain.Destroy();
            AssertState(domain, DomainState.Shutoff, "destroyed");
        }
        finally
        {
            domain.Undefine();
        }

        LibvirtException error = Assert.Throws<LibvirtException>(() => _connection.LookupDomainByName(name));
        Assert.Equal(LibvirtErrorCodes.NoDomain, error.Code);
    }

    [Fact]
    public void Destroying_an_inactive_domain_reports_operation_invalid()
    {
        string name = TestDomainXml.UniqueName("invalid");
        using LibvirtDomain domain = _connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            LibvirtException notRunning = Assert.Throws<LibvirtException>(domain.Destroy);
            Assert.Equal(LibvirtErrorCodes.OperationInvalid, notRunning.Code);
            Assert.Equal("VIR_ERR_OPERATION_INVALID", notRunning.CodeName);
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Info_and_xml_describe_the_domain()
    {
        string name = TestDomainXml.UniqueName("info");
        using LibvirtDomain domain = _connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            DomainInfo info = domain.GetInfo();
            Assert.Equal(DomainState.Shutoff, info.State);
            Assert.Equal(TestDomainXml.MemoryKiB, info.MaxMemoryKiB);
            Assert.Equal(1, info.VCpus);

            XElement live = XElement.Parse(domain.GetXmlDesc());
            XElement inactive = XElement.Parse(domain.GetXmlDesc(inactive: true, secure: true));
            Assert.Equal(name, (string?)live.Element("name"));
            Assert.Equal(domain.Uuid, (string?)inactive.Element("uuid"));
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Autostart_can_be_set_and_cleared()
    {
        string name = TestDomainXml.UniqueName("auto");
        using LibvirtDomain domain = _connection.DefineDomainXml(TestDomainXml.Create(name));
        try
        {
            Assert.False(domain.GetAutostart());
            domain.SetAutostart(true);
            Assert.True(domain.GetAutostart());
            domain.SetAutostart(false);
            Assert.False(domain.GetAutostart());
        }
        finally
        {
            domain.Undefine();
        }
    }

    [Fact]
    public void Transient_domain_disappears_when_destroyed()
    {
        string name = TestDomainXml.UniqueName("transient");
        using LibvirtDomain domain = _connection.CreateDomainXml(TestDomainXml.Create(name));

        Assert.False(domain.IsPersistent());
        Assert.True(domain.IsActive());
        domain.Destroy();

        Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => _connection.LookupDomainByName(name)).Code);
    }

    private static void AssertState(LibvirtDomain domain, DomainState expected, string expectedReason)
    {
        (DomainState state, int reason) = domain.GetState();
        Assert.Equal(expected, state);
        Assert.Equal(expectedReason, LibvirtDomain.ReasonName(state, reason));
    }
}
