using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class SnapshotTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);
    private readonly LibvirtDomain _domain;

    public SnapshotTests()
    {
        _domain = _connection.DefineDomainXml(TestDomainXml.Create(TestDomainXml.UniqueName("snap")));
    }

    public void Dispose()
    {
        if (_domain.IsActive())
        {
            _domain.Destroy();
        }

        _domain.Undefine();
        _domain.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public void Snapshots_form_a_tree_with_a_current_one()
    {
        Assert.False(_domain.HasCurrentSnapshot());
        Assert.Null(_domain.GetCurrentSnapshot());

        using LibvirtDomainSnapshot first = _domain.CreateSnapshotXml(SnapshotXml("first"));
        using LibvirtDomainSnapshot second = _domain.CreateSnapshotXml(SnapshotXml("second"));

        Assert.True(_domain.HasCurrentSnapshot());
        using (LibvirtDomainSnapshot? current = _domain.GetCurrentSnapshot())
        {
            Assert.Equal("second", current?.Name);
        }

        Assert.True(second.IsCurrent());
        Assert.False(first.IsCurrent());
        using (LibvirtDomainSnapshot? parent = second.GetParent())
        {
            Assert.Equal("first", parent?.Name);
        }

        Assert.Null(first.GetParent());
        Assert.Equal(["second"], first.ListAllChildren().Select(s => { using (s) { return s.Name; } }));
        Assert.Equal(["first"], _domain.ListAllSnapshots(SnapshotListFlags.Roots).Select(s => { using (s) { return s.Name; } }));
        Assert.Equal("second", (string?)XElement.Parse(second.GetXmlDesc()).Element("name"));
        Assert.Equal("first", (string?)XElement.Parse(second.GetXmlDesc()).Element("parent")?.Element("name"));

        using (LibvirtDomainSnapshot byName = _domain.LookupSnapshotByName("first"))
        {
            byName.Revert();
            Assert.True(byName.IsCurrent());
        }

        first.Delete(SnapshotDeleteFlags.Children);
        Assert.Empty(_domain.ListAllSnapshots());
        Assert.Equal(LibvirtErrorCodes.NoDomainSnapshot, Assert.Throws<LibvirtException>(() => _domain.LookupSnapshotByName("second")).Code);
    }

    [Fact]
    public void Reverting_a_snapshot_of_a_running_domain_starts_it_again()
    {
        _domain.Create();
        using LibvirtDomainSnapshot snapshot = _domain.CreateSnapshotXml(SnapshotXml("online"));
        _domain.Destroy();
        Assert.False(_domain.IsActive());

        snapshot.Revert();

        Assert.Equal(DomainState.Running, _domain.GetState().State);
        Assert.Equal("running", (string?)XElement.Parse(snapshot.GetXmlDesc()).Element("state"));
        snapshot.Delete();
        Assert.False(_domain.HasCurrentSnapshot());
    }

    private static string SnapshotXml(string name) =>
        new XElement("domainsnapshot", new XElement("name", name), new XElement("description", "webvirt test")).ToString();
}
