namespace WebVirt.Domain.Devices;

/// <summary>What QEMU can plug into or pull out of a running guest.</summary>
public static class HotPlug
{
    /// <summary>virtio and SCSI disks hot-plug; IDE and SATA drives only change at the next boot.</summary>
    public static bool DiskBus(string? bus) => bus is "virtio" or "scsi" or "usb";
}
