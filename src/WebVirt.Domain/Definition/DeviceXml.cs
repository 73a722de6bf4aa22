using System.Xml.Linq;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Definition;

/// <summary>The &lt;devices&gt; part of a new guest.</summary>
internal static class DeviceXml
{
    public static XElement Devices(ValidatedGuest guest)
    {
        bool q35 = NameRules.IsQ35(guest.Spec.MachineType);
        GuestDeviceModels models = GuestDeviceModels.For(guest.Spec);
        var devices = new XElement("devices");
        var targets = new List<string>();
        foreach (ResolvedDisk disk in guest.Disks)
        {
            devices.Add(Disk(disk, NextTarget(models.DiskTargetBus, targets), models.DiskTargetBus));
        }

        if (models.CdromTargetBus == "scsi" && (guest.CdromPath ?? guest.DriversIsoPath) is not null)
        {
            devices.Add(new XElement("controller", new XAttribute("type", "scsi"), new XAttribute("index", 0), new XAttribute("model", "virtio-scsi")));
        }

        // The install ISO comes first: libvirt gives <boot dev='cdrom'/> to the first CD-ROM.
        foreach (string? iso in new[] { guest.CdromPath, guest.DriversIsoPath })
        {
            if (iso is not null)
            {
                devices.Add(Cdrom(iso, models.CdromTargetBus, NextTarget(models.CdromTargetBus, targets)));
            }
        }

        if (Interface(guest.Spec.Nic with { Model = models.NicModel }, guest.Mac) is XElement nic)
        {
            devices.Add(nic);
        }

        if (models.UsbTablet)
        {
            devices.Add(new XElement("input", new XAttribute("type", "tablet"), new XAttribute("bus", "usb")));
        }

        devices.Add(
            new XElement("serial", new XAttribute("type", "pty"), new XElement("target", new XAttribute("port", 0))),
            new XElement("console", new XAttribute("type", "pty"), new XElement("target", new XAttribute("type", "serial"), new XAttribute("port", 0))),
            new XElement(
                "channel",
                new XAttribute("type", "unix"),
                new XElement("target", new XAttribute("type", "virtio"), new XAttribute("name", "org.qemu.guest_agent.0"))),
            new XElement(
                "graphics",
                new XAttribute("type", "vnc"),
                new XAttribute("port", -1),
                new XAttribute("autoport", "yes"),
                new XAttribute("listen", "127.0.0.1"),
                new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", "127.0.0.1"))),
            new XElement("video", new XElement("model", new XAttribute("type", q35 ? "virtio" : "vga"))),
            new XElement("memballoon", new XAttribute("model", "virtio")),
            new XElement("rng", new XAttribute("model", "virtio"), new XElement("backend", new XAttribute("model", "random"), "/dev/urandom")));
        if (guest.Spec.Tpm)
        {
            devices.Add(FirmwareXml.Tpm(guest.Spec.MachineType));
        }

        return devices;
    }

    /// <summary>A writable file-backed disk; the guest editor attaches the same element.</summary>
    internal static XElement Disk(ResolvedDisk disk, string target, string bus = "virtio", string? cache = null)
    {
        var driver = new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", disk.Format));
        if (cache is not null)
        {
            driver.Add(new XAttribute("cache", cache));
        }

        driver.Add(new XAttribute("discard", "unmap"));
        return new XElement(
            "disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            driver,
            new XElement("source", new XAttribute("file", disk.Path)),
            new XElement("target", new XAttribute("dev", target), new XAttribute("bus", bus)));
    }

    /// <summary>A read-only CD-ROM drive; a null <paramref name="path"/> is an empty drive.</summary>
    internal static XElement Cdrom(string? path, string bus, string target) => new(
        "disk",
        new XAttribute("type", "file"),
        new XAttribute("device", "cdrom"),
        new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "raw")),
        path is null ? null : new XElement("source", new XAttribute("file", path)),
        new XElement("target", new XAttribute("dev", target), new XAttribute("bus", bus)),
        new XElement("readonly"));

    // libvirt's names per bus (SATA shares sd* with SCSI). A new guest has at most two disks and
    // two CD-ROMs, so a single letter is enough, even on IDE with its four names hda..hdd.
    private static string NextTarget(string bus, List<string> used)
    {
        string prefix = bus switch { "virtio" => "vd", "ide" => "hd", _ => "sd" };
        string target = prefix + (char)('a' + used.Count(t => t.StartsWith(prefix, StringComparison.Ordinal)));
        used.Add(target);
        return target;
    }

    /// <summary>The &lt;interface&gt; of <paramref name="nic"/> with <paramref name="mac"/>; null without a network.</summary>
    internal static XElement? Interface(GuestNic nic, string? mac)
    {
        XElement? element = nic.Network switch
        {
            GuestNetwork.LibvirtNetwork network => new XElement(
                "interface",
                new XAttribute("type", "network"),
                new XElement("source", new XAttribute("network", network.Name))),
            GuestNetwork.Bridge bridge => new XElement(
                "interface",
                new XAttribute("type", "bridge"),
                new XElement("source", new XAttribute("bridge", bridge.Name))),
            _ => null,
        };
        element?.Add(
            new XElement("mac", new XAttribute("address", mac!)),
            new XElement("model", new XAttribute("type", nic.Model)));
        return element;
    }
}
