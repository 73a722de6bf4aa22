using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Devices;

/// <summary>
/// Hardware edits as transformations of the guest's persistent XML (virDomainGetXMLDesc with
/// VIR_DOMAIN_XML_INACTIVE): the result is redefined with virDomainDefineXMLFlags and takes effect at
/// the next boot. Everything not edited is left as it was.
/// </summary>
public static class DomainXmlEditor
{
    /// <summary>os/boot elements in the given order, the boot menu on or off; per-device boot orders are removed (libvirt refuses both at once).</summary>
    public static ValidationResult<string> SetBootOrder(string domainXml, BootOrderSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ValidationProblem>();
        XDocument? document = DomainDocument.Parse(domainXml, problems);
        IReadOnlyList<BootDevice> devices = spec.Devices ?? [];
        if (devices.Count == 0)
        {
            problems.Add(ValidationProblem.Create("Devices", ValidationKeys.Required, "Devices"));
        }

        foreach (BootDevice device in devices.Where(d => !Enum.IsDefined(d)).Distinct())
        {
            problems.Add(ValidationProblem.Create("Devices", ValidationKeys.OptionInvalid, (int)device, "Devices"));
        }

        foreach (BootDevice device in devices.Where(Enum.IsDefined).GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(ValidationProblem.Create("Devices", ValidationKeys.BootDeviceDuplicate, DeviceNames.Boot(device)));
        }

        return Result(document, problems, domain =>
        {
            XElement os = domain.Element("os") ?? throw new InvalidOperationException("a persistent domain always has <os>");
            os.Elements("boot").Remove();
            os.Elements("bootmenu").Remove();
            foreach (XElement perDevice in domain.Element("devices")?.Elements().Elements("boot").ToArray() ?? [])
            {
                perDevice.Remove();
            }

            XElement anchor = os.Elements().LastOrDefault(e => e.Name.LocalName is "type" or "firmware" or "loader" or "nvram") ?? os.Elements().First();
            var added = devices.Select(d => new XElement("boot", new XAttribute("dev", DeviceNames.Boot(d)))).Cast<object>().ToList();
            added.Add(new XElement("bootmenu", new XAttribute("enable", spec.BootMenu ? "yes" : "no")));
            anchor.AddAfterSelf(added);
        });
    }

    /// <summary>vcpu count and current, and the CPU topology (removed when none is given).</summary>
    public static ValidationResult<string> SetVCpus(string domainXml, VCpuSpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? document = DomainDocument.Parse(domainXml, problems);
        if (spec.Maximum < 1 || spec.Maximum > host.HostCpus)
        {
            problems.Add(ValidationProblem.Create("Maximum", ValidationKeys.VCpusOutOfRange, host.HostCpus, spec.Maximum));
        }

        if (spec.Current < 1)
        {
            problems.Add(ValidationProblem.Create("Current", ValidationKeys.VCpusOutOfRange, host.HostCpus, spec.Current));
        }
        else if (spec.Current > spec.Maximum)
        {
            problems.Add(ValidationProblem.Create("Current", ValidationKeys.VCpusCurrentAboveMax, spec.Current, spec.Maximum));
        }

        int?[] topology = [spec.Sockets, spec.Cores, spec.Threads];
        bool hasTopology = topology.Any(t => t is not null);
        if (hasTopology && (topology.Any(t => t is null) || topology.Any(t => t < 1)))
        {
            problems.Add(ValidationProblem.Create("Topology", ValidationKeys.CpuTopologyIncomplete));
            hasTopology = false;
        }
        else if (hasTopology && (long)spec.Sockets!.Value * spec.Cores!.Value * spec.Threads!.Value != spec.Maximum)
        {
            long product = (long)spec.Sockets.Value * spec.Cores.Value * spec.Threads!.Value;
            problems.Add(ValidationProblem.Create("Topology", ValidationKeys.CpuTopologyMismatch, spec.Sockets.Value, spec.Cores.Value, spec.Threads.Value, product, spec.Maximum));
        }

        return Result(document, problems, domain =>
        {
            XElement? vcpu = domain.Element("vcpu");
            if (vcpu is null)
            {
                vcpu = new XElement("vcpu", new XAttribute("placement", "static"));
                (domain.Element("currentMemory") ?? domain.Element("memory") ?? domain.Element("name")!).AddAfterSelf(vcpu);
            }

            vcpu.Value = spec.Maximum.ToString(CultureInfo.InvariantCulture);
            vcpu.SetAttributeValue("current", spec.Current == spec.Maximum ? null : spec.Current.ToString(CultureInfo.InvariantCulture));

            // Per-vCPU states describe the old count.
            domain.Element("vcpus")?.Remove();
            XElement? cpu = domain.Element("cpu");
            cpu?.Element("topology")?.Remove();
            cpu?.Element("numa")?.Remove();
            if (spec.Sockets is int sockets && spec.Cores is int cores && spec.Threads is int threads)
            {
                if (cpu is null)
                {
                    cpu = new XElement("cpu");
                    (domain.Element("features") ?? domain.Element("os")!).AddAfterSelf(cpu);
                }

                // topology comes after model and vendor in libvirt's schema order.
                var element = new XElement("topology", new XAttribute("sockets", sockets), new XAttribute("dies", 1), new XAttribute("cores", cores), new XAttribute("threads", threads));
                XElement? before = cpu.Elements().LastOrDefault(e => e.Name.LocalName is "model" or "vendor");
                if (before is null)
                {
                    cpu.AddFirst(element);
                }
                else
                {
                    before.AddAfterSelf(element);
                }
            }
        });
    }

    public static ValidationResult<string> SetMemory(string domainXml, MemorySpec spec, HostLimits host)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(host);
        var problems = new List<ValidationProblem>();
        XDocument? document = DomainDocument.Parse(domainXml, problems);
        MemoryRules.CheckCurrentAndMaximum(spec.CurrentMiB, spec.MaximumMiB, host.HostMemoryMiB, problems);

        return Result(document, problems, domain =>
        {
            var memory = new XElement("memory", new XAttribute("unit", "KiB"), checked(spec.MaximumMiB * 1024));
            var current = new XElement("currentMemory", new XAttribute("unit", "KiB"), checked(spec.CurrentMiB * 1024));
            XElement? oldMemory = domain.Element("memory");
            if (oldMemory is null)
            {
                domain.Element("name")!.AddAfterSelf(memory);
            }
            else
            {
                oldMemory.ReplaceWith(memory);
            }

            domain.Element("currentMemory")?.Remove();
            memory.AddAfterSelf(current);
        });
    }

    /// <summary>
    /// A disk's bus and/or cache mode, only while the guest is shut off. A new bus gets a new
    /// target name of that bus, and the old controller address is dropped for libvirt to assign.
    /// </summary>
    public static ValidationResult<string> ChangeDisk(string domainXml, DiskSettingsSpec spec, bool guestIsActive)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var problems = new List<ValidationProblem>();
        if (guestIsActive)
        {
            problems.Add(ValidationProblem.Create("Domain", ValidationKeys.DomainMustBeShutOff));
        }

        XDocument? document = DomainDocument.Parse(domainXml, problems);
        XElement? disk = document?.Root!.Element("devices")?.Elements("disk")
            .FirstOrDefault(d => (string?)d.Element("target")?.Attribute("dev") == spec.Target);
        if (document is not null && disk is null)
        {
            problems.Add(ValidationProblem.Create("Target", ValidationKeys.DiskUnknown, PoolPathRules.Printable(spec.Target ?? string.Empty)));
        }

        string? newTarget = null;
        if (spec.Bus is DiskBus bus && GuestDeviceBuilder.CheckBus(bus, document, "Bus", problems) && disk is not null)
        {
            if (bus == DiskBus.Virtio && (string?)disk.Attribute("device") == "cdrom")
            {
                problems.Add(ValidationProblem.Create("Bus", ValidationKeys.DiskBusUnsupported, DeviceNames.Bus(bus), DomainDocument.MachineType(document!)));
            }
            else if ((string?)disk.Element("target")?.Attribute("bus") != DeviceNames.Bus(bus))
            {
                newTarget = GuestDeviceBuilder.NextTarget(document!, bus, "Bus", problems, except: disk);
            }
        }

        if (spec.Cache is DiskCache cache)
        {
            GuestDeviceBuilder.CheckCache(cache, "Cache", problems);
        }

        return Result(document, problems, domain =>
        {
            XElement target = disk!.Element("target")!;
            if (newTarget is not null)
            {
                target.SetAttributeValue("dev", newTarget);
                target.SetAttributeValue("bus", DeviceNames.Bus(spec.Bus!.Value));
                disk.Element("address")?.Remove();
            }

            if (spec.Cache is DiskCache newCache)
            {
                XElement? driver = disk.Element("driver");
                if (driver is null)
                {
                    driver = new XElement("driver", new XAttribute("name", "qemu"));
                    disk.AddFirst(driver);
                }

                driver.SetAttributeValue("cache", DeviceNames.Cache(newCache));
            }
        });
    }

    private static ValidationResult<string> Result(XDocument? document, List<ValidationProblem> problems, Action<XElement> edit)
    {
        if (document is null || problems.Count > 0)
        {
            return ValidationResult<string>.Refused(problems);
        }

        edit(document.Root!);
        return new ValidationResult<string>(document.ToString(), problems);
    }
}
