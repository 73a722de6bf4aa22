using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.TestDriver;

// Pool and volume XML for tests. The test driver keeps everything in memory, so its paths need
// not exist; the qemu tests pass a real directory.
internal static class TestStorageXml
{
    public static string DirPool(string name, string path) =>
        new XElement(
            "pool",
            new XAttribute("type", "dir"),
            new XElement("name", name),
            new XElement("target", new XElement("path", path))).ToString();

    public static string Volume(string name, ulong capacityBytes, string format = "raw") =>
        new XElement(
            "volume",
            new XElement("name", name),
            new XElement("capacity", new XAttribute("unit", "bytes"), capacityBytes),
            new XElement("allocation", new XAttribute("unit", "bytes"), 0),
            new XElement("target", new XElement("format", new XAttribute("type", format)))).ToString();
}
