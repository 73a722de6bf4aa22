using System.Globalization;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Guests from cloud images: the new disk is a full copy of the image or a qcow2 overlay on it,
/// grown to the chosen size, and the NoCloud seed built from the cloud-init settings is uploaded
/// as <c>&lt;guest&gt;-cidata.iso</c> into the same pool. <see cref="CloudSeedRemover"/> takes the
/// seed away after the first boot.
/// </summary>
internal sealed partial class ProvisioningService
{
    /// <summary>The seed's bytes; the instance id inside is the UUID the guest is defined with.</summary>
    private sealed record CloudSeed(byte[] Image);

    /// <summary>The cloud image's capacity against the disk's, and the seed; a refusal when the image is larger.</summary>
    private async Task<(ProvisioningResult? Refusal, CloudSeed? Seed, GuestBuildContext Context)> PrepareCloudAsync(ValidatedGuest guest, CloudImagePlan cloud, GuestBuildContext context, CancellationToken ct)
    {
        long imageBytes = await session.RunAsync(c => { using var v = c.LookupStorageVolumeByPath(cloud.ImagePath); return (long)v.GetInfo().CapacityBytes; }, ct);
        if (imageBytes > guest.NewVolume!.CapacityBytes)
        {
            long imageGiB = (imageBytes + SizeRules.GiB - 1) / SizeRules.GiB;
            var problem = new ValidationProblem(
                "Disk.SizeGiB",
                ValidationKeys.CloudImageLargerThanDisk,
                ValidationMessages.Template(ValidationKeys.CloudImageLargerThanDisk, CultureInfo.InvariantCulture),
                [guest.NewVolume.CapacityBytes / SizeRules.GiB, imageGiB]);
            return (ProvisioningResult.Refused([SpecMapper.ToDto(problem)]), null, context);
        }

        var uuid = Guid.NewGuid();
        return (null, new CloudSeed(NoCloudSeed.Build(cloud.CloudInit, uuid, guest.Mac, DateTimeOffset.UtcNow)), context with { Uuid = uuid });
    }

    /// <summary>Copies or overlays the image into the new volume and grows it; returns the volume's path.</summary>
    private async Task<string> CreateCloudDiskAsync(TaskHandle task, NewVolumePlan plan, CloudImagePlan cloud, CancellationToken ct)
    {
        await task.LogAsync(
            cloud.Linked
                ? TaskText.Of(ErrorCodes.TaskCloneLinking, plan.VolumeName, plan.Pool, cloud.ImagePath)
                : TaskText.Of(ErrorCodes.TaskCloneCopying, cloud.ImagePath, plan.VolumeName, plan.Pool),
            10);
        await task.MakingAsync(TaskLeftover.Volume(plan.Pool, plan.VolumeName));
        string path = await session.RunAsync(c => CreateVolumeFromImage(c, plan, cloud.ImagePath, cloud.ImageFormat, cloud.Linked), ct);
        await task.LogAsync(TaskText.Of(cloud.Linked ? ErrorCodes.TaskCloneLinked : ErrorCodes.TaskCloneCopied, path), 30);
        return path;
    }

    /// <summary>Creates the seed volume (<paramref name="created"/> gets its path at once, for the rollback) and uploads the seed into it.</summary>
    private Task WriteSeedAsync(TaskHandle task, CloudImagePlan cloud, CloudSeed seed, Action<string> created, CancellationToken ct) =>
        WriteSeedAsync(task, cloud.SeedPool, cloud.SeedVolumeName, seed.Image, created, 45, ct);

    /// <summary>Creates seed volume <paramref name="volumeName"/> in <paramref name="poolName"/> and uploads <paramref name="image"/>; clones' seeds too.</summary>
    private async Task WriteSeedAsync(TaskHandle task, string poolName, string volumeName, byte[] image, Action<string> created, int percent, CancellationToken ct)
    {
        await task.MakingAsync(TaskLeftover.Volume(poolName, volumeName));
        LibvirtStorageVolume volume = await session.RunAsync(c =>
        {
            using LibvirtStoragePool pool = c.LookupStoragePoolByName(poolName);
            StoragePoolInfo info = HostLimitsReader.ReadPools(c).Single(p => p.Name == poolName);
            var validated = VolumeValidator.ValidateUpload(new UploadSpec(volumeName, image.Length), info);
            if (!validated.IsValid)
            {
                throw new LibvirtException(0, 0, string.Join("; ", validated.Problems));
            }

            return pool.CreateVolumeXml(VolumeXmlBuilder.BuildString(validated.Value!));
        }, ct);
        string path;
        using (volume)
        {
            path = volume.GetPath();
            created(path);
            using var source = new MemoryStream(image, writable: false);
            await volume.UploadAsync(source, 0, (ulong)image.Length, progress: null, ct);
        }

        await task.LogAsync(TaskText.Of(ErrorCodes.TaskCloudSeedWritten, path), percent);
    }

    /// <summary>The spec as the creation record keeps it: never with the password.</summary>
    private static GuestSpecDto Recorded(GuestSpecDto dto) => dto.CloudInit is null ? dto : dto with { CloudInit = dto.CloudInit.WithoutPassword() };
}
