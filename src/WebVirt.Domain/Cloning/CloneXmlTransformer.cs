using System.Xml;
using System.Xml.Linq;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Cloning;

/// <summary>
/// The XML half of virt-clone: the source's definition with a new identity. Copying the disk
/// files themselves is the agent's long-running task.
/// </summary>
public static class CloneXmlTransformer
{
    public static CloneResult Transform(string sourceXml, CloneRequest request, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument document;
        try
        {
            document = XDocument.Parse(sourceXml);
        }
        catch (XmlException exception)
        {
            return new CloneResult(null, [ValidationProblem.Create("Source", ValidationKeys.CloneSourceInvalid, exception.Message)]);
        }

        XElement domain = document.Root!;
        if (domain.Name != "domain")
        {
            return new CloneResult(null, [ValidationProblem.Create("Source", ValidationKeys.CloneSourceInvalid, domain.Name.LocalName)]);
        }

        NameRules.CheckGuestName(request.NewName, host.ExistingGuestNames, "Name", problems);
        CheckOverrides(request, host, problems);
        CheckCopyTargets(request, host, problems);
        RepointDisks(domain, request, problems);
        if (problems.Count > 0)
        {
            return new CloneResult(null, problems);
        }

        string? sourceIdentity = (string?)domain.Element("uuid") ?? (string?)domain.Element("name");
        domain.Attribute("id")?.Remove();
        domain.Element("uuid")?.Remove();
        domain.Element("name")!.Value = request.NewName;
        domain.Element("os")?.Element("nvram")?.Remove();
        ApplyOverrides(domain, request);
        ReplaceMacs(domain, host.MacsInUse);
        ResetGraphicsPorts(domain);
        UpdateMetadata(document, request, sourceIdentity);
        return new CloneResult(document.ToString(), problems);
    }

    private static void CheckOverrides(CloneRequest request, HostLimits host, List<ValidationProblem> problems)
    {
        if (request.VCpus is int vcpus && (vcpus < 1 || vcpus > host.HostCpus))
        {
            problems.Add(ValidationProblem.Create("VCpus", ValidationKeys.VCpusOutOfRange, host.HostCpus, vcpus));
        }

        if (request.MemoryMiB is long memory && memory < GuestSpecValidator.MinimumMemoryMiB)
        {
            problems.Add(ValidationProblem.Create("MemoryMiB", ValidationKeys.MemoryTooSmall, GuestSpecValidator.MinimumMemoryMiB, memory));
        }
        else if (request.MemoryMiB is long large && large > host.HostMemoryMiB)
        {
            problems.Add(ValidationProblem.Create("MemoryMiB", ValidationKeys.MemoryTooLarge, host.HostMemoryMiB, large));
        }
    }

    private static void CheckCopyTargets(CloneRequest request, HostLimits host, List<ValidationProblem> problems)
    {
        foreach (string target in request.DiskCopies.Values)
        {
            StoragePoolInfo? pool = PoolPathRules.FindPool(target, host.Pools, "DiskCopies", problems);
            if (pool is not null && pool.Volumes.Any(v => Path.GetFullPath(v.Path) == Path.GetFullPath(target)))
            {
                problems.Add(ValidationProblem.Create("DiskCopies", ValidationKeys.VolumeExists, target, pool.Name));
            }
        }
    }

    private static void RepointDisks(XElement domain, CloneRequest request, List<ValidationProblem> problems)
    {
        foreach (XElement disk in domain.Element("devices")?.Elements("disk") ?? [])
        {
            string device = (string?)disk.Attribute("device") ?? "disk";
            bool shared = device != "disk" || disk.Element("readonly") is not null || disk.Element("shareable") is not null;
            XElement? source = disk.Element("source");
            if (shared || source is null)
            {
                continue;
            }

            XAttribute? location = source.Attribute("file") ?? source.Attribute("dev");
            if (location is null || !request.DiskCopies.TryGetValue(location.Value, out string? copy))
            {
                string shown = location?.Value ?? $"{(string?)source.Attribute("pool")}/{(string?)source.Attribute("volume")}";
                problems.Add(ValidationProblem.Create("DiskCopies", ValidationKeys.CloneDiskNotMapped, shown));
                continue;
            }

            // The copy is a new plain file whatever the source was (a block device, a volume).
            disk.SetAttributeValue("type", "file");
            source.ReplaceWith(new XElement("source", new XAttribute("file", Path.GetFullPath(copy))));

            // The copy is a flattened image: the source's backing chain does not describe it.
            disk.Element("backingStore")?.Remove();
        }
    }

    private static void ApplyOverrides(XElement domain, CloneRequest request)
    {
        if (request.VCpus is int vcpus)
        {
            XElement vcpu = domain.Element("vcpu") ?? new XElement("vcpu");
            vcpu.Attribute("current")?.Remove();
            vcpu.Value = vcpus.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (vcpu.Parent is null)
            {
                domain.Element("memory")!.AddAfterSelf(vcpu);
            }
        }

        if (request.MemoryMiB is long memory)
        {
            foreach (string name in (string[])["memory", "currentMemory"])
            {
                domain.Element(name)?.ReplaceWith(new XElement(name, new XAttribute("unit", "KiB"), memory * 1024));
            }
        }
    }

    private static void ReplaceMacs(XElement domain, IReadOnlyCollection<string> inUse)
    {
        var taken = new List<string>(inUse);
        foreach (XElement nic in domain.Element("devices")?.Elements("interface") ?? [])
        {
            string mac = MacAddress.Generate(taken);
            taken.Add(mac);
            nic.Elements("mac").Remove();

            // Host-side device names (vnetN) belong to the running source.
            nic.Elements("target").Remove();
            nic.AddFirst(new XElement("mac", new XAttribute("address", mac)));
        }
    }

    private static void ResetGraphicsPorts(XElement domain)
    {
        foreach (XElement graphics in domain.Element("devices")?.Elements("graphics") ?? [])
        {
            graphics.SetAttributeValue("autoport", "yes");
            graphics.SetAttributeValue("port", "-1");
            if (graphics.Attribute("tlsPort") is not null)
            {
                graphics.SetAttributeValue("tlsPort", "-1");
            }

            if (graphics.Attribute("websocket") is not null)
            {
                graphics.SetAttributeValue("websocket", "-1");
            }
        }
    }

    private static void UpdateMetadata(XDocument document, CloneRequest request, string? sourceIdentity)
    {
        WebVirtMetadata? source = WebVirtMetadata.Read(document);
        string kind = source?.IsTemplate == true ? SourceKinds.Template : SourceKinds.Clone;
        var clone = new WebVirtMetadata(kind, source?.OsVariant, request.CreatedBy, request.CreatedAt, source?.Description, IsTemplate: false, sourceIdentity, source?.CloudInit);
        clone.WriteTo(document);
    }
}
