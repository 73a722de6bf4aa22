using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// Device XML for virDomainAttachDeviceFlags and virDomainUpdateDeviceFlags, checked against the
/// guest's current (persistent) XML and the host: disks and ISOs only from storage pools, target
/// names chosen from those the guest does not use yet, MACs unique.
/// </summary>
public static class GuestDeviceBuilder
{
    public static ValidationResult<XElement> AttachDisk(string domainXml, DiskAttachSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        bool busOk = CheckBus(spec.Bus, domain, "Bus", problems);
        CheckCache(spec.Cache, "Cache", problems);
        PoolVolume? volume = PoolPathRules.FindVolume(spec.VolumePath, null, host.Pools, "VolumePath", problems);
        if (domain is null)
        {
            return ValidationResult<XElement>.Refused(problems);
        }

        string? path = volume is null ? null : Path.GetFullPath(volume.Path);
        if (path is not null && AttachedAs(domain, path) is string target)
        {
            problems.Add(ValidationProblem.Create("VolumePath", ValidationKeys.DiskAlreadyAttached, path, target));
        }

        string? dev = busOk ? NextTarget(domain, spec.Bus, "Bus", problems) : null;
        return ValidationResult<XElement>.From(
            () => DeviceXml.Disk(new ResolvedDisk(path!, volume!.Format == "qcow2" ? "qcow2" : "raw"), dev!, DeviceNames.Bus(spec.Bus), DeviceNames.Cache(spec.Cache)),
            problems);
    }

    public static ValidationResult<XElement> AttachCdrom(string domainXml, CdromAttachSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        string? iso = spec.IsoPath is null ? null : FindIso(spec.IsoPath, host, problems);
        if (domain is null)
        {
            return ValidationResult<XElement>.Refused(problems);
        }

        DiskBus bus = spec.Bus ?? (NameRules.IsQ35(DomainDocument.MachineType(domain)) ? DiskBus.Sata : DiskBus.Ide);
        string? dev = null;
        if (bus == DiskBus.Virtio)
        {
            // QEMU has no virtio CD-ROM.
            problems.Add(ValidationProblem.Create("Bus", ValidationKeys.DiskBusUnsupported, DeviceNames.Bus(bus), DomainDocument.MachineType(domain)));
        }
        else if (CheckBus(bus, domain, "Bus", problems))
        {
            dev = NextTarget(domain, bus, "Bus", problems);
        }

        return ValidationResult<XElement>.From(() => DeviceXml.Cdrom(iso, DeviceNames.Bus(bus), dev!), problems);
    }

    /// <summary>
    /// Inserts <paramref name="isoPath"/> into (or, when null, ejects the medium of) the CD-ROM
    /// drive <paramref name="target"/>: the drive's own element with the source replaced.
    /// </summary>
    public static ValidationResult<XElement> ChangeMedia(string domainXml, string target, string? isoPath, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        string? iso = isoPath is null ? null : FindIso(isoPath, host, problems);
        XElement? drive = domain?.Root!.Element("devices")?.Elements("disk")
            .FirstOrDefault(d => (string?)d.Attribute("device") == "cdrom" && (string?)d.Element("target")?.Attribute("dev") == target);
        if (domain is not null && drive is null)
        {
            problems.Add(ValidationProblem.Create("Target", ValidationKeys.CdromUnknown, PoolPathRules.Printable(target ?? string.Empty)));
        }

        return ValidationResult<XElement>.From(
            () =>
            {
                var changed = new XElement(drive!);
                changed.SetAttributeValue("type", "file");
                changed.Elements("source").Remove();
                changed.Elements("backingStore").Remove();
                if (iso is not null)
                {
                    changed.Element("driver")?.AddAfterSelf(new XElement("source", new XAttribute("file", iso)));
                    if (changed.Element("source") is null)
                    {
                        changed.AddFirst(new XElement("source", new XAttribute("file", iso)));
                    }
                }

                return changed;
            },
            problems);
    }

    public static ValidationResult<XElement> AttachNic(string domainXml, NicAttachSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        if (domain is null)
        {
            return ValidationResult<XElement>.Refused(problems);
        }

        // The guest's own MACs count as used even when the host list is from before its last edit.
        string[] own = Macs(domain).ToArray();
        HostLimits withOwn = host with { MacsInUse = [.. host.MacsInUse, .. own] };
        var nic = new GuestNic(spec.Network, spec.Model, spec.Mac);
        if (spec.Network is GuestNetwork.None)
        {
            problems.Add(ValidationProblem.Create("Nic.Network", ValidationKeys.Required, "Nic.Network"));
        }

        string? mac = NicRules.Check(nic, withOwn, "Nic", problems);
        return ValidationResult<XElement>.From(() => DeviceXml.Interface(nic, mac)!, problems);
    }

    /// <summary>The interface with <paramref name="mac"/>, with its link set up or down (for virDomainUpdateDeviceFlags).</summary>
    public static ValidationResult<XElement> SetLinkState(string domainXml, string mac, bool up)
    {
        var problems = new List<ValidationProblem>();
        XDocument? domain = DomainDocument.Parse(domainXml, problems);
        if (!MacAddress.IsWellFormed(mac))
        {
            MacAddress.Check(mac, [], "Mac", problems);
        }
        else if (domain is not null && FindInterface(domain, mac) is null)
        {
            problems.Add(ValidationProblem.Create("Mac", ValidationKeys.NicUnknown, MacAddress.Normalize(mac)));
        }

        return ValidationResult<XElement>.From(
            () =>
            {
                var changed = new XElement(FindInterface(domain!, mac)!);
                changed.Elements("link").Remove();
                changed.Add(new XElement("link", new XAttribute("state", up ? "up" : "down")));
                return changed;
            },
            problems);
    }

    internal static XElement? FindInterface(XDocument domain, string mac) =>
        domain.Root!.Element("devices")?.Elements("interface")
            .FirstOrDefault(i => string.Equals((string?)i.Element("mac")?.Attribute("address"), mac, StringComparison.OrdinalIgnoreCase));

    internal static bool CheckBus(DiskBus bus, XDocument? domain, string field, List<ValidationProblem> problems)
    {
        if (!Enum.IsDefined(bus))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.OptionInvalid, (int)bus, field));
            return false;
        }

        if (domain is not null && !DomainDocument.BusAvailable(bus, DomainDocument.MachineType(domain)))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskBusUnsupported, DeviceNames.Bus(bus), DomainDocument.MachineType(domain)));
            return false;
        }

        return true;
    }

    internal static bool CheckCache(DiskCache cache, string field, List<ValidationProblem> problems)
    {
        if (Enum.IsDefined(cache))
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.OptionInvalid, (int)cache, field));
        return false;
    }

    internal static string? NextTarget(XDocument domain, DiskBus bus, string field, List<ValidationProblem> problems, XElement? except = null)
    {
        IEnumerable<string> used = domain.Root!.Element("devices")?.Elements("disk").Where(d => d != except)
            .Select(d => (string?)d.Element("target")?.Attribute("dev")).OfType<string>() ?? [];
        string? next = DiskTargets.Next(bus, used);
        if (next is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskTargetsExhausted, DeviceNames.Bus(bus)));
        }

        return next;
    }

    private static string? FindIso(string isoPath, HostLimits host, List<ValidationProblem> problems)
    {
        PoolVolume? volume = PoolPathRules.FindVolume(isoPath, null, host.Pools, "IsoPath", problems);
        return volume is null ? null : Path.GetFullPath(volume.Path);
    }

    private static string? AttachedAs(XDocument domain, string path) =>
        domain.Root!.Element("devices")?.Elements("disk")
            .Where(d => (string?)d.Element("source")?.Attribute("file") is string file && file == path)
            .Select(d => (string?)d.Element("target")?.Attribute("dev") ?? "?")
            .FirstOrDefault();

    private static IEnumerable<string> Macs(XDocument domain) =>
        domain.Root!.Element("devices")?.Elements("interface").Select(i => (string?)i.Element("mac")?.Attribute("address")).OfType<string>() ?? [];
}
