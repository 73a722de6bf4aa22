using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

[Collection(TestDriverCollection.Name)]
public sealed class NodeAndInterfaceTests : IDisposable
{
    private readonly LibvirtConnection _connection = LibvirtConnection.Open(TestDriverCollection.Uri);

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Node_cpu_stats_have_the_linux_counters()
    {
        IReadOnlyDictionary<string, ulong> stats = _connection.GetNodeCpuStats();

        Assert.Superset(new HashSet<string> { "kernel", "user", "idle", "iowait" }, stats.Keys.ToHashSet());
    }

    [Fact]
    public void Cpu_model_names_are_listed_for_x86_64()
    {
        IReadOnlyList<string> models = _connection.GetCpuModelNames("x86_64");

        Assert.Contains("qemu64", models);
        Assert.Contains("Skylake-Client", models);
    }

    [Fact]
    public void Host_interfaces_are_listed_and_found_by_name_and_mac()
    {
        IReadOnlyList<LibvirtInterface> interfaces = _connection.ListAllInterfaces();
        try
        {
            LibvirtInterface first = Assert.Single(interfaces, i => i.IsActive());
            using LibvirtInterface byName = _connection.LookupInterfaceByName(first.Name);
            using LibvirtInterface byMac = _connection.LookupInterfaceByMac(first.MacAddress);

            Assert.Equal(first.MacAddress, byName.MacAddress);
            Assert.Equal(first.Name, byMac.Name);
            Assert.Equal(first.Name, (string?)XElement.Parse(byName.GetXmlDesc()).Attribute("name"));
        }
        finally
        {
            foreach (LibvirtInterface iface in interfaces)
            {
                iface.Dispose();
            }
        }
    }
}
