using WebVirt.Domain.Guests;
using WebVirt.Domain.Validation;

namespace WebVirt.Domain.OsInfo;

/// <summary>
/// Warnings (not refusals) when a spec is below its OS's minimum: the user may know better,
/// e.g. a text-only install needs less than osinfo-db says.
/// </summary>
public static class OsMinimumAdvisor
{
    public static IReadOnlyList<ValidationProblem> Check(GuestSpec spec, OsInfoEntry os)
    {
        var warnings = new List<ValidationProblem>();
        if (os.Minimum.RamMiB is long ram && spec.MemoryMiB < ram)
        {
            warnings.Add(ValidationProblem.Create("MemoryMiB", ValidationKeys.OsMinimumMemory, os.Name, ram, spec.MemoryMiB));
        }

        if (os.Minimum.CpuCount is int cpus && spec.VCpus < cpus)
        {
            warnings.Add(ValidationProblem.Create("VCpus", ValidationKeys.OsMinimumVCpus, os.Name, cpus, spec.VCpus));
        }

        if (os.Minimum.StorageGiB is long storage && spec.Disk is GuestDisk.NewVolume volume && volume.SizeGiB < storage)
        {
            warnings.Add(ValidationProblem.Create("Disk.SizeGiB", ValidationKeys.OsMinimumDisk, os.Name, storage, volume.SizeGiB));
        }

        return warnings;
    }
}
