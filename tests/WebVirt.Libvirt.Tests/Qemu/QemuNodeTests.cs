using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

[Trait("Category", "Qemu")]
[Collection(QemuCollection.Name)]
public sealed class QemuNodeTests
{
    [Fact]
    public async Task Node_cpu_stats_count_up()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        IReadOnlyDictionary<string, ulong> before = connection.GetNodeCpuStats();
        await Task.Delay(200);
        IReadOnlyDictionary<string, ulong> after = connection.GetNodeCpuStats();

        Assert.Equal(["idle", "iowait", "kernel", "user"], before.Keys.Order(StringComparer.Ordinal));
        ulong Total(IReadOnlyDictionary<string, ulong> s) => s.Values.Aggregate(0UL, (a, b) => a + b);
        Assert.True(Total(after) > Total(before), "no CPU time passed in 200 ms");

        IReadOnlyDictionary<string, ulong> cpu0 = connection.GetNodeCpuStats(0);
        Assert.InRange(cpu0["idle"], 0UL, after["idle"]);
    }

    [Fact]
    public void Domain_capabilities_name_machine_types_and_firmware()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        XElement caps = XElement.Parse(connection.GetDomainCapabilities(arch: "x86_64", virtType: "qemu"));

        Assert.Equal("domainCapabilities", caps.Name.LocalName);
        Assert.Equal("qemu", (string?)caps.Element("domain"));
        Assert.StartsWith("pc-i440fx-", (string?)caps.Element("machine"), StringComparison.Ordinal);
        Assert.NotNull(caps.Element("os")?.Element("loader"));

        XElement q35 = XElement.Parse(connection.GetDomainCapabilities(arch: "x86_64", machine: "q35", virtType: "qemu"));
        Assert.StartsWith("pc-q35-", (string?)q35.Element("machine"), StringComparison.Ordinal);
    }

    [Fact]
    public void Cpu_model_names_include_the_qemu_defaults()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        IReadOnlyList<string> models = connection.GetCpuModelNames("x86_64");

        Assert.Contains("qemu64", models);
        Assert.Equal(models.Count, models.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(LibvirtErrorCodes.InvalidArg, Assert.Throws<LibvirtException>(() => connection.GetCpuModelNames("no-such-arch")).Code);
    }

    [Fact]
    public void Host_interfaces_include_loopback_and_the_uplink()
    {
        using LibvirtConnection connection = LibvirtConnection.Open(QemuFixture.Uri);

        IReadOnlyList<LibvirtInterface> interfaces = connection.ListAllInterfaces();
        try
        {
            Assert.Contains(interfaces, i => i.Name == "lo");
            LibvirtInterface uplink = interfaces.First(i => i.Name != "lo" && i.IsActive());
            string sysfsMac = File.ReadAllText($"/sys/class/net/{uplink.Name}/address").Trim();
            Assert.Equal(sysfsMac, uplink.MacAddress);

            using LibvirtInterface byMac = connection.LookupInterfaceByMac(uplink.MacAddress);
            Assert.Equal(uplink.Name, byMac.Name);
            Assert.Equal(uplink.Name, (string?)XElement.Parse(uplink.GetXmlDesc()).Attribute("name"));
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
