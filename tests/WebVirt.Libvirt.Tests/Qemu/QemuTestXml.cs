using System.Xml.Linq;

namespace WebVirt.Libvirt.Tests.Qemu;

internal static class QemuTestXml
{
    // No <forward>: an isolated network. dnsmasq serves the range, but nothing here talks to it.
    public static string IsolatedNetwork(string name, string thirdOctet) =>
        new XElement(
            "network",
            new XElement("name", name),
            new XElement(
                "ip",
                new XAttribute("address", $"10.254.{thirdOctet}.1"),
                new XAttribute("prefix", 24),
                new XElement(
                    "dhcp",
                    new XElement("range", new XAttribute("start", $"10.254.{thirdOctet}.100"), new XAttribute("end", $"10.254.{thirdOctet}.200"))))).ToString();

    public static XElement Disk(string path, string target = "vda") =>
        new(
            "disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
            new XElement("source", new XAttribute("file", path)),
            new XElement("target", new XAttribute("dev", target), new XAttribute("bus", "virtio")));

    public static XElement NetworkInterface(string network, string mac) =>
        new(
            "interface",
            new XAttribute("type", "network"),
            new XElement("mac", new XAttribute("address", mac)),
            new XElement("source", new XAttribute("network", network)),
            new XElement("model", new XAttribute("type", "virtio")));

    // The test guest's XML with extra devices added.
    public static string WithDevices(string domainXml, params XElement[] devices)
    {
        XElement domain = XElement.Parse(domainXml);
        domain.Element("devices")!.AddFirst(devices);
        return domain.ToString();
    }
}
