using WebVirt.Contracts;
using WebVirt.Domain.Guests;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// An imported image's new disk: a full copy (virStorageVolCreateXMLFrom, converting to the chosen
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

    private static string CreateImportedVolume(LibvirtConnection connection, NewVolumePlan plan, ImageImport image)
    {
        using LibvirtStoragePool pool = connection.LookupStoragePoolByName(plan.Pool);
        StoragePoolInfo info = HostLimitsReader.ReadPools(connection).Single(p => p.Name == plan.Pool);
        VolumeFormat sourceFormat = image.SourceFormat == "qcow2" ? VolumeFormat.Qcow2 : VolumeFormat.Raw;
        if (image.Overlay)
        {
            var overlay = VolumeValidator.ValidateNew(new VolumeSpec(plan.VolumeName, VolumeFormat.Qcow2, plan.CapacityBytes, 0), info);
            ThrowIfRefused(overlay);
            using LibvirtStorageVolume layered = pool.CreateVolumeXml(VolumeXmlBuilder.BuildOverlayString(overlay.Value!, image.SourcePath, sourceFormat));
            return layered.GetPath();
        }

        var format = plan.Format == DiskFormat.Raw ? VolumeFormat.Raw : VolumeFormat.Qcow2;
        var copy = VolumeValidator.ValidateClone(new VolumeCloneSpec(plan.VolumeName, format, image.SourceCapacityBytes), info);
        ThrowIfRefused(copy);
        using LibvirtStorageVolume source = connection.LookupStorageVolumeByPath(image.SourcePath);
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
