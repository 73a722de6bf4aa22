using System.Xml.Linq;
using WebVirt.Domain.Devices;

namespace WebVirt.Domain.Tests.Devices;

public sealed class DiskRelocationTests
{
    private const string Guest = """
        <domain type='qemu'><name>g</name><devices>
          <disk type='file' device='disk'><source file='/src/a.qcow2'/><target dev='vda'/></disk>
          <disk type='file' device='disk'><source file='/shared/b.raw'/><target dev='vdb'/></disk>
          <disk type='file' device='cdrom'><source file='/iso/c.iso'/><target dev='sda'/><readonly/></disk>
          <disk type='block' device='disk'><source dev='/src/a.qcow2'/><target dev='vdc'/></disk>
        </devices></domain>
        """;

    [Fact]
    public void Only_the_moved_file_disks_name_their_new_paths()
    {
        var moved = new Dictionary<string, string> { ["/src/a.qcow2"] = "/dst/a.qcow2" };

        var disks = XElement.Parse(DiskRelocation.Relocate(Guest, moved)).Element("devices")!.Elements("disk")
            .Select(d => (string?)d.Element("source")!.Attribute("file") ?? (string)d.Element("source")!.Attribute("dev")!).ToArray();

        Assert.Equal(["/dst/a.qcow2", "/shared/b.raw", "/iso/c.iso", "/src/a.qcow2"], disks);
    }

    [Fact]
    public void Nothing_moved_leaves_the_definition_as_it_was()
    {
        Assert.True(XNode.DeepEquals(XElement.Parse(Guest), XElement.Parse(DiskRelocation.Relocate(Guest, new Dictionary<string, string>()))));
    }
}
