using System.Xml.Linq;
using WebVirt.Domain.Snapshots;
using WebVirt.Domain.Tests.Devices;
using WebVirt.Domain.Tests.Support;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Tests.Snapshots;

public sealed class SnapshotXmlTests
{
    private const string Pool = "/var/lib/libvirt/images";
    private static readonly string AllQcow2 = EditedGuestXml.Build(Pool, vdbFormat: "qcow2").ToString();

    [Fact]
    public void A_shut_off_guest_gets_a_disk_snapshot_with_its_description_escaped()
    {
        XElement xml = XElement.Parse(Refused.Valid(SnapshotXml.Build(AllQcow2, new SnapshotSpec("before-upgrade", "<b>risky</b> & \"fun\"\nline 2", false), false, ["other"])));

        Assert.Equal("before-upgrade", (string?)xml.Element("name"));
        Assert.Equal("<b>risky</b> & \"fun\"\nline 2", (string?)xml.Element("description"));
        Assert.Null(xml.Element("memory"));
        Assert.Null(xml.Element("disks"));
    }

    [Fact]
    public void A_running_guest_snapshot_keeps_its_memory_and_cannot_leave_it_out()
    {
        XElement xml = XElement.Parse(Refused.Valid(SnapshotXml.Build(AllQcow2, new SnapshotSpec("live", null, true), true, [])));
        Assert.Equal("internal", (string?)xml.Element("memory")!.Attribute("snapshot"));
        Assert.Null(xml.Element("description"));

        Refused.Assert(SnapshotXml.Build(AllQcow2, new SnapshotSpec("live", null, false), true, []), "IncludeMemory", ValidationKeys.SnapshotRunningNeedsMemory);
    }

    [Fact]
    public void Snapshot_refusals()
    {
        ValidationProblem raw = Refused.Assert(SnapshotXml.Build(EditedGuestXml.Build(Pool).ToString(), new SnapshotSpec("s", null, false), false, []), "Disks", ValidationKeys.SnapshotRawDisk);
        Assert.Equal(["vdb", "raw"], raw.Args);
        Refused.Assert(SnapshotXml.Build(AllQcow2, new SnapshotSpec("s", null, false), false, ["s"]), "Name", ValidationKeys.SnapshotNameDuplicate);
        Refused.Assert(SnapshotXml.Build(AllQcow2, new SnapshotSpec("../s", null, false), false, []), "Name", ValidationKeys.NameInvalid);
        Refused.Assert(SnapshotXml.Build(AllQcow2, new SnapshotSpec("s", "bell\u0007", false), false, []), "Description", ValidationKeys.TextControlCharacters);
        Refused.Assert(SnapshotXml.Build(AllQcow2, new SnapshotSpec("s", new string('x', TextRules.MaxDescriptionLength + 1), false), false, []), "Description", ValidationKeys.TextTooLong);

        XElement noDisks = XElement.Parse(AllQcow2);
        noDisks.Element("devices")!.Elements("disk").Where(d => (string?)d.Attribute("device") == "disk").Remove();
        Refused.Assert(SnapshotXml.Build(noDisks.ToString(), new SnapshotSpec("s", null, false), false, []), "Disks", ValidationKeys.SnapshotNoDisk);

        Assert.Equal("s", Refused.Valid(SnapshotXml.CheckExisting("s", ["s"])));
        Refused.Assert(SnapshotXml.CheckExisting("t", ["s"]), "Name", ValidationKeys.SnapshotUnknown);
    }

    [Fact]
    public void Libvirts_snapshot_xml_is_read_with_parent_time_and_memory()
    {
        const string xml = """
            <domainsnapshot>
              <name>child</name>
              <description>a &amp; b</description>
              <state>running</state>
              <parent><name>root</name></parent>
              <creationTime>1795763865</creationTime>
              <memory snapshot='internal'/>
              <disks><disk name='vda' snapshot='internal'/></disks>
              <domain type='qemu'><name>web1</name></domain>
            </domainsnapshot>
            """;

        SnapshotView view = SnapshotXml.Read(xml);

        Assert.Equal(new SnapshotView("child", "a & b", DateTimeOffset.FromUnixTimeSeconds(1795763865), "running", "root", true), view);
        Assert.False(SnapshotXml.Read("<domainsnapshot><name>off</name><state>shutoff</state><memory snapshot='no'/></domainsnapshot>").HasMemory);
        Assert.Throws<ArgumentException>(() => SnapshotXml.Read("<domain/>"));
    }
}
