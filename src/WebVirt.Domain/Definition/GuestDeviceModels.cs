using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Definition;

/// <summary>
/// The device models of a new guest: the bus of its disks and CD-ROMs, its network card, and
/// whether it gets a USB tablet. One rule, used by the XML builder, so every creation path agrees.
/// </summary>
/// <param name="DiskTargetBus">libvirt's bus of the writable disks: virtio, sata or ide.</param>
/// <param name="CdromTargetBus">The bus of the install ISO and the driver ISO: SATA on q35 (which has no IDE), IDE on i440fx; a cloud seed's on virtio-scsi.</param>
/// <param name="NicModel">The network card's model.</param>
/// <param name="UsbTablet">An absolute pointer, so the VNC mouse follows the cursor in Windows without a guest driver.</param>
public sealed record GuestDeviceModels(string DiskTargetBus, string CdromTargetBus, string NicModel, bool UsbTablet)
{
    /// <summary>
    /// Linux and the BSDs bring virtio drivers: virtio disk and the chosen card. Windows brings
    /// none: with the driver ISO (virtio-win) attached, Setup loads them from it and the guest gets
    /// the fast virtio disk and card; without it, Setup only finds a disk and a network card it has
    /// in-box drivers for, so the disk goes on SATA (q35) or IDE (i440fx) and a virtio card becomes
    /// an Intel e1000e (q35) or e1000 (i440fx). A card the user chose other than virtio stays.
    /// </summary>
    public static GuestDeviceModels For(GuestSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        bool q35 = NameRules.IsQ35(spec.MachineType);
        // q35 has no IDE controller; i440fx's IDE is what old installers know best. A cloud image's
        // NoCloud seed goes on virtio-scsi: cloud kernels (Debian's cloud flavour among them) drive
        // virtio but often have no AHCI, so a SATA CD-ROM would stay unseen.
        string cdrom = spec.Source is GuestSource.CloudImage ? "scsi" : q35 ? "sata" : "ide";
        string nic = spec.Nic?.Model ?? GuestNic.DefaultModel;
        if (!OsFamilies.IsWindows(spec.OsFamily))
        {
            return new GuestDeviceModels("virtio", cdrom, nic, UsbTablet: false);
        }

        if (spec.DriversIso is not null)
        {
            return new GuestDeviceModels("virtio", cdrom, nic, UsbTablet: true);
        }

        string emulatedNic = nic == GuestNic.DefaultModel ? (q35 ? "e1000e" : "e1000") : nic;
        return new GuestDeviceModels(q35 ? "sata" : "ide", cdrom, emulatedNic, UsbTablet: true);
    }
}
