using WebVirt.Contracts;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// An imported image's (or a cloud image's) new disk: a full copy (virStorageVolCreateXMLFrom, converting to the chosen
/// format) grown to the chosen size, or a thin qcow2 overlay backed by the image. The overlay's
/// backing file shows in the volume's XML, so the storage page and every delete count the image
/// as used by the guest, as they do for a linked clone's base.
/// </summary>
internal sealed partial class ProvisioningService
{
    private static TaskText VolumeCreatingText(NewVolumePlan plan) => plan.Import switch
    {
        { Overlay: true } image => TaskText.Of(ErrorCodes.TaskCloneLinking, plan.VolumeName, plan.Pool, image.SourcePath),
        { } image => TaskText.Of(ErrorCodes.TaskCloneCopying, image.SourcePath, plan.VolumeName, plan.Pool),
        null => TaskText.Of(
            plan.Thin ? ErrorCodes.TaskVolumeCreatingThin : ErrorCodes.TaskVolumeCreatingFull,
            plan.VolumeName, TaskArguments.Bytes(plan.CapacityBytes), plan.Format.ToString().ToLowerInvariant(), plan.Pool),
    };

    /// <summary>
    /// A new volume made from a disk image, an imported one or a cloud image: a thin qcow2 overlay
    /// as large as planned, or a full copy in the planned format grown to the planned size.
    /// </summary>
    internal static string CreateVolumeFromImage(LibvirtConnection connection, NewVolumePlan plan, string imagePath, string imageFormat, bool overlay)
    {
        using LibvirtStoragePool pool = connection.LookupStoragePoolByName(plan.Pool);
        using LibvirtStorageVolume source = connection.LookupStorageVolumeByPath(imagePath);
        StoragePoolInfo info = HostLimitsReader.ReadPools(connection).Single(p => p.Name == plan.Pool);
        VolumeFormat sourceFormat = imageFormat == "qcow2" ? VolumeFormat.Qcow2 : VolumeFormat.Raw;
        if (overlay)
        {
            var layer = VolumeValidator.ValidateNew(new VolumeSpec(plan.VolumeName, VolumeFormat.Qcow2, plan.CapacityBytes, 0), info);
            ThrowIfRefused(layer);
            using LibvirtStorageVolume layered = pool.CreateVolumeXml(VolumeXmlBuilder.BuildOverlayString(layer.Value!, imagePath, sourceFormat));
            return layered.GetPath();
        }

        var format = plan.Format == DiskFormat.Raw ? VolumeFormat.Raw : VolumeFormat.Qcow2;
        var copy = VolumeValidator.ValidateClone(new VolumeCloneSpec(plan.VolumeName, format, (long)source.GetInfo().CapacityBytes), info);
        ThrowIfRefused(copy);
        using LibvirtStorageVolume target = pool.CreateVolumeXmlFrom(VolumeXmlBuilder.BuildString(copy.Value!), source);
        string path = target.GetPath();
        if (plan.CapacityBytes > (long)target.GetInfo().CapacityBytes)
        {
            try
            {
                target.Resize((ulong)plan.CapacityBytes);
            }
            catch (LibvirtException)
            {
                // The task only knows the volume once this returns: remove the copy here.
                target.Delete();
                throw;
            }
        }

        return path;
    }

    private static void ThrowIfRefused(ValidationResult<ValidatedVolume> validated)
    {
        if (!validated.IsValid)
        {
            throw new LibvirtException(0, 0, string.Join("; ", validated.Problems));
        }
    }
}
