using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>
/// Checks volume operations against their pool. Capacities count in full even for thin (sparse)
/// volumes, as <see cref="GuestSpecValidator"/> does: nothing stops a guest from filling its disk,
/// and a full pool pauses every guest on it.
/// </summary>
public static partial class VolumeValidator
{
    public static ValidationResult<ValidatedVolume> ValidateNew(VolumeSpec spec, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        if (CheckFormat(spec.Format, "Format", problems) && spec.Format == VolumeFormat.Iso)
        {
            problems.Add(ValidationProblem.Create("Format", ValidationKeys.VolumeIsoUploadOnly));
        }

        VolumeNames.Check(spec.Name, spec.Format, pool, "Name", problems);
        if (CheckCapacity(spec.CapacityBytes, pool, "CapacityBytes", problems)
            && (spec.AllocationBytes < 0 || spec.AllocationBytes > spec.CapacityBytes))
        {
            problems.Add(ValidationProblem.Create("AllocationBytes", ValidationKeys.VolumeAllocationInvalid, spec.CapacityBytes, spec.AllocationBytes));
        }

        return ValidationResult<ValidatedVolume>.From(
            () => new ValidatedVolume(pool.Name, spec.Name, PathIn(pool, spec.Name), spec.Format, spec.CapacityBytes, spec.AllocationBytes),
            problems);
    }

    public static ValidationResult<ValidatedVolume> ValidateClone(VolumeCloneSpec spec, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        CheckFormat(spec.Format, "Format", problems);
        VolumeNames.Check(spec.NewName, spec.Format, pool, "NewName", problems);
        CheckCapacity(spec.SourceCapacityBytes, pool, "SourceCapacityBytes", problems);
        return ValidationResult<ValidatedVolume>.From(
            () => new ValidatedVolume(pool.Name, spec.NewName, PathIn(pool, spec.NewName), spec.Format, spec.SourceCapacityBytes, 0),
            problems);
    }

    /// <summary>Grow only (shrinking would cut off the guest's file system), by no more than the pool has free.</summary>
    public static ValidationResult<ValidatedResize> ValidateResize(VolumeResizeSpec spec, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        if (spec.NewCapacityBytes <= spec.CurrentCapacityBytes)
        {
            problems.Add(ValidationProblem.Create("NewCapacityBytes", ValidationKeys.VolumeResizeNotGrowing, spec.NewCapacityBytes, spec.CurrentCapacityBytes));
        }
        else if (SizeRules.CheckDiskBytes(spec.NewCapacityBytes, "NewCapacityBytes", problems)
            && spec.NewCapacityBytes - spec.CurrentCapacityBytes > pool.AvailableBytes)
        {
            problems.Add(ValidationProblem.Create("NewCapacityBytes", ValidationKeys.VolumeGrowthExceedsPoolFree, spec.NewCapacityBytes - spec.CurrentCapacityBytes, pool.Name, pool.AvailableBytes));
        }

        return ValidationResult<ValidatedResize>.From(() => new ValidatedResize(spec.NewCapacityBytes, spec.NewCapacityBytes - spec.CurrentCapacityBytes), problems);
    }

    /// <summary>The volume an upload fills: the sanitized file name, the format its extension names, capacity = file size.</summary>
    public static ValidationResult<ValidatedVolume> ValidateUpload(UploadSpec spec, StoragePoolInfo pool)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(pool);
        var problems = new List<ValidationProblem>();
        string? name = CheckDerivedName(spec.FileName, "FileName", pool, problems);
        if (spec.SizeBytes <= 0)
        {
            problems.Add(ValidationProblem.Create("SizeBytes", ValidationKeys.UploadSizeInvalid, spec.SizeBytes));
        }
        else
        {
            CheckCapacity(spec.SizeBytes, pool, "SizeBytes", problems);
        }

        return ValidationResult<ValidatedVolume>.From(
            () => new ValidatedVolume(pool.Name, name!, PathIn(pool, name!), VolumeNames.FormatOf(name!)!.Value, spec.SizeBytes, 0),
            problems);
    }

    private static string? CheckDerivedName(string? fileName, string field, StoragePoolInfo pool, List<ValidationProblem> problems)
    {
        string? name = VolumeNames.Sanitize(fileName);
        if (name is null)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.UploadFileNameInvalid, PoolPathRules.Printable(fileName ?? string.Empty), string.Join(", ", VolumeNames.AllExtensions)));
            return null;
        }

        return VolumeNames.Check(name, VolumeNames.FormatOf(name)!.Value, pool, field, problems) ? name : null;
    }

    private static bool CheckFormat(VolumeFormat format, string field, List<ValidationProblem> problems)
    {
        if (Enum.IsDefined(format))
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.OptionInvalid, (int)format, field));
        return false;
    }

    private static bool CheckCapacity(long bytes, StoragePoolInfo pool, string field, List<ValidationProblem> problems)
    {
        if (!SizeRules.CheckDiskBytes(bytes, field, problems))
        {
            return false;
        }

        if (bytes > pool.AvailableBytes)
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeExceedsPoolFree, bytes, pool.Name, pool.AvailableBytes));
            return false;
        }

        return true;
    }

    private static string PathIn(StoragePoolInfo pool, string name) => Path.Combine(Path.GetFullPath(pool.TargetPath), name);
}
