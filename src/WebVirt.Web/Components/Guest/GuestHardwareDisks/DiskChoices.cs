using WebVirt.Contracts;

namespace WebVirt.Web.Components.Guest;

/// <summary>The libvirt words the disk forms offer.</summary>
public static class DiskChoices
{
    public static IReadOnlyList<string> DiskBuses { get; } = ["virtio", "sata", "scsi", "usb"];

    public static IReadOnlyList<string> CdromBuses { get; } = ["sata", "scsi", "ide"];

    public static IReadOnlyList<string> Caches { get; } = ["none", "writeback", "writethrough", "directsync", "unsafe"];

    public static IReadOnlyList<string> Formats { get; } = ["qcow2", "raw"];

    public static bool IsIso(StorageVolumeSummary volume) =>
        volume.Format == "iso" || volume.Name.EndsWith(".iso", StringComparison.OrdinalIgnoreCase);
}
