using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

internal static class TestDomainXml
{
    public const int MemoryKiB = 65536;

    public static string Create(string name) =>
        new XElement(
            "domain",
            new XAttribute("type", "test"),
            new XElement("name", name),
            new XElement("memory", new XAttribute("unit", "KiB"), MemoryKiB),
            new XElement("vcpu", 1),
            new XElement("os", new XElement("type", new XAttribute("arch", "x86_64"), "hvm"))).ToString();

    public static string UniqueName(string purpose) => $"wvt-unit-{purpose}-{Guid.NewGuid():N}"[..30];
}
