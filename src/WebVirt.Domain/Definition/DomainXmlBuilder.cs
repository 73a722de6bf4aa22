using System.Globalization;
using System.Xml.Linq;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Definition;

/// <summary>
/// Turns a validated guest into libvirt domain XML with System.Xml.Linq only, so every value is
/// escaped by construction. Guests from templates are made by <see cref="Cloning.CloneXmlTransformer"/>.
/// </summary>
public static class DomainXmlBuilder
{
    /// <summary>The guest's definition; for a network install, the one it keeps after the installer: booting its disk.</summary>
    public static XDocument Build(ValidatedGuest guest, GuestBuildContext context)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return BuildCore(guest, context, kernel: null);
    }

    /// <summary>
    /// The first boot of a network install: the downloaded installer kernel and initrd, with the
    /// tree URL and the user's kernel arguments on the command line. A reboot stops this boot
    /// (on_reboot destroy) instead of running the installer again; the agent has by then redefined
    /// the guest with <see cref="Build(ValidatedGuest, GuestBuildContext)"/>'s disk boot and starts it.
    /// </summary>
    public static XDocument Build(ValidatedGuest guest, GuestBuildContext context, DirectKernelBoot kernel)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(kernel);
        if (guest.Spec.Source is not GuestSource.NetworkInstall)
        {
            throw new ArgumentException("direct kernel boot is for network installs only", nameof(kernel));
        }

        return BuildCore(guest, context, kernel);
    }

    public static string BuildString(ValidatedGuest guest, GuestBuildContext context) => Build(guest, context).ToString();

    public static string BuildString(ValidatedGuest guest, GuestBuildContext context, DirectKernelBoot kernel) => Build(guest, context, kernel).ToString();

    /// <summary>The metadata a guest built from <paramref name="spec"/> carries.</summary>
    public static WebVirtMetadata Metadata(GuestSpec spec, GuestBuildContext context) =>
        new(SourceKinds.Of(spec.Source), spec.OsVariant, context.CreatedBy, context.CreatedAt, spec.Description, context.IsTemplate);

    private static XDocument BuildCore(ValidatedGuest guest, GuestBuildContext context, DirectKernelBoot? kernel)
    {
        ArgumentNullException.ThrowIfNull(context);
        GuestSpec spec = guest.Spec;
        if (spec.Source is GuestSource.FromTemplate)
        {
            throw new ArgumentException("a guest from a template is a clone: use CloneXmlTransformer", nameof(guest));
        }

        long memoryKiB = checked(spec.MemoryMiB * 1024);
        var domain = new XElement(
            "domain",
            new XAttribute("type", spec.Accelerator == Accelerator.Kvm ? "kvm" : "qemu"),
            new XElement("name", spec.Name));
        if (context.Uuid is Guid uuid)
        {
            domain.Add(new XElement("uuid", uuid.ToString("D", CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrEmpty(spec.Description))
        {
            domain.Add(new XElement("description", spec.Description));
        }

        domain.Add(
            new XElement("metadata", (Metadata(spec, context) with { CloudInit = guest.CloudImage is CloudImagePlan cloud ? CloudInitDefaults.From(cloud.CloudInit) : null }).ToElement()),
            new XElement("memory", new XAttribute("unit", "KiB"), memoryKiB),
            new XElement("currentMemory", new XAttribute("unit", "KiB"), memoryKiB),
            new XElement("vcpu", new XAttribute("placement", "static"), spec.VCpus),
            Os(guest, kernel),
            Features(spec),
            Cpu(guest),
            Clock(),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", kernel is null ? "restart" : "destroy"),
            new XElement("on_crash", "destroy"),
            DeviceXml.Devices(guest));
        return new XDocument(domain);
    }

    private static XElement Os(ValidatedGuest guest, DirectKernelBoot? kernel)
    {
        GuestSpec spec = guest.Spec;
        var os = new XElement("os");
        if (spec.Firmware != Firmware.Bios)
        {
            // libvirt picks the OVMF loader and creates the NVRAM file from the firmware descriptors.
            os.Add(new XAttribute("firmware", "efi"));
        }

        os.Add(new XElement("type", new XAttribute("arch", "x86_64"), new XAttribute("machine", spec.MachineType), "hvm"));
        if (spec.Firmware != Firmware.Bios)
        {
            os.Add(FirmwareXml.Features(spec.Firmware == Firmware.UefiSecureBoot));
        }

        if (kernel is not null && spec.Source is GuestSource.NetworkInstall install)
        {
            os.Add(
                new XElement("kernel", kernel.KernelPath),
                new XElement("initrd", kernel.InitrdPath),
                new XElement("cmdline", KernelCommandLine(kernel, install)));
        }

        foreach (string device in BootOrder(guest))
        {
            os.Add(new XElement("boot", new XAttribute("dev", device)));
        }

        return os;
    }

    private static XElement Features(GuestSpec spec)
    {
        var features = new XElement("features", new XElement("acpi"), new XElement("apic"));
        if (spec.Firmware == Firmware.UefiSecureBoot)
        {
            features.Add(FirmwareXml.Smm());
        }

        return features;
    }

    private static string KernelCommandLine(DirectKernelBoot kernel, GuestSource.NetworkInstall install)
    {
        string tree = kernel.UrlArgument is null ? "" : $"{kernel.UrlArgument}={install.Url}";
        return string.Join(' ', new[] { tree, install.KernelArgs?.Trim() ?? "" }.Where(part => part.Length > 0));
    }

    private static IEnumerable<string> BootOrder(ValidatedGuest guest) => guest.Spec.Source switch
    {
        GuestSource.IsoVolume => guest.Disks.Count > 0 ? ["cdrom", "hd"] : ["cdrom"],
        GuestSource.Pxe => guest.Disks.Count > 0 ? ["network", "hd"] : ["network"],
        _ => ["hd"],
    };

    private static XElement Cpu(ValidatedGuest guest)
    {
        var cpu = new XElement("cpu", new XAttribute("mode", CpuModeNames.Libvirt(guest.CpuMode)));
        switch (guest.CpuMode)
        {
            case CpuMode.HostPassthrough:
                cpu.Add(new XAttribute("check", "none"), new XAttribute("migratable", "on"));
                break;
            case CpuMode.Custom:
                cpu.Add(
                    new XAttribute("match", "exact"),
                    new XAttribute("check", "none"),
                    new XElement("model", new XAttribute("fallback", "forbid"), guest.Spec.CustomCpuModel));
                break;
        }

        return cpu;
    }

    private static XElement Clock() => new(
        "clock",
        new XAttribute("offset", "utc"),
        new XElement("timer", new XAttribute("name", "rtc"), new XAttribute("tickpolicy", "catchup")),
        new XElement("timer", new XAttribute("name", "pit"), new XAttribute("tickpolicy", "delay")),
        new XElement("timer", new XAttribute("name", "hpet"), new XAttribute("present", "no")));
}
