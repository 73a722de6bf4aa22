using WebVirt.Contracts;

namespace WebVirt.Web.Tests.GuestHardwareTests;

internal static class HardwareSamples
{
    public const string Mac = "52:54:00:12:34:56";
    public const long GiB = 1024L * 1024 * 1024;

    /// <summary>2 vCPUs of 4, 2 GiB of 4, a 20 GiB virtio disk, an empty CD-ROM drive, one NIC on "default", booting from disk then CD-ROM.</summary>
    public static GuestHardware Hardware() => new(
        2, 4, 1, 2, 2, 2048, 4096,
        [
            new GuestDiskInfo("disk", "virtio", "vda", "/var/lib/libvirt/images/web.qcow2", "qcow2", false, "none", "default", "web.qcow2", 20 * GiB, 3 * GiB),
            new GuestDiskInfo("cdrom", "sata", "sda", null, null, true, null, null, null, null, null),
        ],
        [new GuestNicInfo(Mac, "network", "default", "virtio", true)],
        ["hd", "cdrom"],
        false);

    public static GuestDetails Details(GuestInfo guest, GuestHardware hardware, GuestHardware? nextBoot = null) => new(
        guest, null, "fedora40", "qemu", "bios", "pc-q35-8.2", "host-model", hardware, nextBoot, GuestNotes.Empty, null, [], ["vnc"], true);
}
