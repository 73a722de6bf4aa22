using System.Xml.Linq;

namespace WebVirt.Domain.Tests.Devices;

/// <summary>A small guest XML as libvirt returns it: a qcow2 vda, a raw vdb, an IDE CD-ROM hdc and one card.</summary>
internal static class EditedGuestXml
{
    public const string Mac = "52:54:00:12:34:56";

    public static XElement Build(string poolDirectory, string vdbFormat = "raw") => new(
        "domain",
        new XAttribute("type", "qemu"),
        new XElement("name", "web1"),
        new XElement("memory", new XAttribute("unit", "KiB"), 262144),
        new XElement("vcpu", 1),
        new XElement("os", new XElement("type", new XAttribute("machine", "pc"), "hvm")),
        new XElement(
            "devices",
            Disk("disk", Path.Combine(poolDirectory, "web1.qcow2"), "qcow2", "vda", "virtio"),
            Disk("disk", Path.Combine(poolDirectory, "data.img"), vdbFormat, "vdb", "virtio"),
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "cdrom"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
                new XElement("target", new XAttribute("dev", "hdc"), new XAttribute("bus", "ide")),
                new XElement("readonly")),
            new XElement(
                "interface",
                new XAttribute("type", "network"),
                new XElement("mac", new XAttribute("address", Mac)),
                new XElement("source", new XAttribute("network", "default")),
                new XElement("model", new XAttribute("type", "virtio")),
                new XElement("address", new XAttribute("type", "pci"), new XAttribute("slot", "0x03")))));

    private static XElement Disk(string device, string path, string format, string target, string bus) => new(
        "disk",
        new XAttribute("type", "file"),
        new XAttribute("device", device),
        new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", format)),
        new XElement("source", new XAttribute("file", path)),
        new XElement("target", new XAttribute("dev", target), new XAttribute("bus", bus)));
}
