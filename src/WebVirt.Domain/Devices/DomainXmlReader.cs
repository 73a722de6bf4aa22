using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>Reads what the guest page shows from a domain XML as libvirt returns it (virDomainGetXMLDesc).</summary>
public static class DomainXmlReader
{
    public static DomainView Read(string domainXml) => Read(XDocument.Parse(domainXml));

    public static DomainView Read(XDocument document)
    {
        XElement domain = document.Root is { Name.LocalName: "domain" } root
            ? root
            : throw new ArgumentException("not a domain XML", nameof(document));
        XElement? os = domain.Element("os");
        XElement? vcpu = domain.Element("vcpu");
        XElement? devices = domain.Element("devices");
        int maxVCpus = ParseInt((string?)vcpu) ?? 1;
        long maxMemory = KiB(domain.Element("memory")) / 1024;
        return new DomainView(
            (string?)domain.Element("name") ?? string.Empty,
            (string?)domain.Element("uuid"),
            (string?)domain.Attribute("type") ?? string.Empty,
            (string?)os?.Element("type")?.Attribute("machine"),
            Firmware(os),
            (string?)domain.Element("cpu")?.Attribute("mode"),
            maxVCpus,
            ParseInt((string?)vcpu?.Attribute("current")) ?? maxVCpus,
            Topology(domain.Element("cpu")?.Element("topology")),
            maxMemory,
            domain.Element("currentMemory") is XElement current ? KiB(current) / 1024 : maxMemory,
            os?.Elements("boot").Select(b => (string?)b.Attribute("dev")).OfType<string>().ToArray() ?? [],
            (string?)os?.Element("bootmenu")?.Attribute("enable") == "yes",
            devices?.Elements("disk").Select(Disk).ToArray() ?? [],
            devices?.Elements("interface").Select(Nic).ToArray() ?? [],
            devices?.Elements("graphics").Select(g => (string?)g.Attribute("type")).OfType<string>().ToArray() ?? [],
            devices?.Element("serial") is not null)
        {
            SecureBoot = Firmware(os) == "efi" && FirmwareXml.SecureBoot(os),
            TpmModel = devices?.Element("tpm") is XElement tpm ? (string?)tpm.Attribute("model") ?? "tpm-tis" : null,
        };
    }

    /// <summary>A memory element's value in KiB, whatever its unit (libvirt accepts b, k/KiB, KB, M/MiB, MB, G/GiB, GB, T/TiB, TB).</summary>
    public static long KiB(XElement? element) =>
        element is null ? 0 : (SizeRules.ToBytes(element.Value, (string?)element.Attribute("unit")) ?? 0) / SizeRules.KiB;

    private static DiskView Disk(XElement disk)
    {
        XElement? source = disk.Element("source");
        string? path = (string?)source?.Attribute("file") ?? (string?)source?.Attribute("dev") ?? (string?)source?.Attribute("dir");
        if (path is null && source?.Attribute("volume") is XAttribute volume)
        {
            path = $"{(string?)source.Attribute("pool")}/{volume.Value}";
        }

        return new DiskView(
            (string?)disk.Attribute("device") ?? "disk",
            (string?)disk.Element("target")?.Attribute("bus"),
            (string?)disk.Element("target")?.Attribute("dev"),
            path,
            (string?)disk.Element("driver")?.Attribute("type"),
            disk.Element("readonly") is not null,
            (string?)disk.Element("driver")?.Attribute("cache"));
    }

    private static NicView Nic(XElement nic)
    {
        XElement? source = nic.Element("source");
        string type = (string?)nic.Attribute("type") ?? string.Empty;
        string? name = type switch
        {
            "network" => (string?)source?.Attribute("network"),
            "bridge" => (string?)source?.Attribute("bridge"),
            "direct" or "ethernet" => (string?)source?.Attribute("dev"),
            _ => source?.Attributes().FirstOrDefault()?.Value,
        };
        return new NicView(
            (string?)nic.Element("mac")?.Attribute("address"),
            type,
            name,
            (string?)nic.Element("model")?.Attribute("type"),
            (string?)nic.Element("link")?.Attribute("state") != "down");
    }

    private static string Firmware(XElement? os)
    {
        if ((string?)os?.Attribute("firmware") == "efi" || (string?)os?.Element("loader")?.Attribute("type") == "pflash")
        {
            return "efi";
        }

        return "bios";
    }

    private static CpuTopology? Topology(XElement? topology) =>
        topology is null
            ? null
            : new CpuTopology(
                ParseInt((string?)topology.Attribute("sockets")) ?? 1,
                ParseInt((string?)topology.Attribute("cores")) ?? 1,
                ParseInt((string?)topology.Attribute("threads")) ?? 1);

    private static int? ParseInt(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : null;
}
