using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>
/// Checks a cloud image source against the host: the image is a disk image in a pool, the guest's
/// disk is a new volume (a qcow2 one for a linked overlay), the seed's volume name is free, and the
/// cloud-init input passes <see cref="CloudInitRules"/>. The image's size against the disk's is
/// checked by the agent, which reads the image's capacity.
/// </summary>
public static class CloudImageRules
{
    public static CloudImagePlan? Check(GuestSpec spec, GuestSource.CloudImage source, HostLimits host, NewVolumePlan? disk, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(problems);
        int before = problems.Count;
        PoolVolume? image = PoolPathRules.FindVolume(source.VolumePath, source.Pool, host.Pools, "Source.VolumePath", problems);
        if (image is not null && image.Format is not ("qcow2" or "raw"))
        {
            problems.Add(ValidationProblem.Create("Source.VolumePath", ValidationKeys.CloudImageIsIso, PoolPathRules.Printable(Path.GetFileName(image.Path))));
        }

        if (spec.Disk is not GuestDisk.NewVolume newVolume)
        {
            problems.Add(ValidationProblem.Create("Disk", ValidationKeys.CloudImageNeedsNewDisk));
        }
        else if (source.Linked && newVolume.Format != DiskFormat.Qcow2)
        {
            problems.Add(ValidationProblem.Create("Disk.Format", ValidationKeys.CloudImageLinkedNeedsQcow2));
        }

        ValidatedCloudInit? cloudInit = CloudInitRules.Check(source.CloudInit, spec.Name, spec.Nic?.Network is not null and not GuestNetwork.None, problems);
        if (disk is null || image is null || problems.Count > before)
        {
            return null;
        }

        StoragePoolInfo pool = host.Pools.First(p => p.Name == disk.Pool);
        string seedName = CloudImagePlan.SeedVolumeNameOf(spec.Name);
        string seedPath = Path.Combine(Path.GetFullPath(pool.TargetPath), seedName);
        if (pool.Volumes.Any(v => Path.GetFullPath(v.Path) == seedPath))
        {
            problems.Add(ValidationProblem.Create("Disk.Pool", ValidationKeys.VolumeExists, seedName, pool.Name));
            return null;
        }

        return new CloudImagePlan(Path.GetFullPath(image.Path), image.Format, source.Linked, pool.Name, seedName, seedPath, cloudInit!);
    }
}
