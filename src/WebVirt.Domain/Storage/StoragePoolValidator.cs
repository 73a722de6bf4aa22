using WebVirt.Domain.Validation;

namespace WebVirt.Domain.Storage;

/// <summary>Checks a <see cref="PoolSpec"/> against the host's existing pools and reports every problem at once.</summary>
public static class StoragePoolValidator
{
    public static ValidationResult<ValidatedPool> Validate(PoolSpec spec, IReadOnlyList<StoragePoolInfo> existingPools)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(existingPools);
        var problems = new List<ValidationProblem>();
        NameRules.CheckName(spec.Name, existingPools.Select(p => p.Name), ValidationKeys.PoolNameDuplicate, "Name", problems);

        switch (spec)
        {
            case PoolSpec.Directory dir:
            {
                string? target = CheckTarget(dir.TargetPath, existingPools, problems);
                return ValidationResult<ValidatedPool>.From(() => new ValidatedPool(spec, target!, null, null, []), problems);
            }

            case PoolSpec.FileSystem fs:
            {
                string? device = PoolPathRules.CheckDevicePath(fs.SourceDevice, "SourceDevice", problems);
                CheckOption(fs.Format, "Format", problems);
                string? target = CheckTarget(fs.TargetPath, existingPools, problems);
                return ValidationResult<ValidatedPool>.From(() => new ValidatedPool(spec, target!, device, null, []), problems);
            }

            case PoolSpec.NetworkFileSystem netfs:
            {
                HostNameRules.Check(netfs.Host, "Host", problems);
                string? directory = PoolPathRules.CheckShape(netfs.SourceDirectory, "SourceDirectory", problems);
                CheckOption(netfs.Format, "Format", problems);
                string? target = CheckTarget(netfs.TargetPath, existingPools, problems);
                return ValidationResult<ValidatedPool>.From(() => new ValidatedPool(spec, target!, null, directory, []), problems);
            }

            case PoolSpec.Logical logical:
            {
                if (!NameRules.IsValidVolumeGroup(logical.VolumeGroup))
                {
                    problems.Add(ValidationProblem.Create("VolumeGroup", ValidationKeys.VolumeGroupInvalid, PoolPathRules.Printable(logical.VolumeGroup ?? string.Empty)));
                }

                var devices = new List<string>();
                foreach (string? device in logical.SourceDevices ?? [])
                {
                    if (PoolPathRules.CheckDevicePath(device, "SourceDevices", problems) is string full)
                    {
                        devices.Add(full);
                    }
                }

                if (devices.Distinct(StringComparer.Ordinal).Count() != devices.Count)
                {
                    string twice = devices.GroupBy(d => d, StringComparer.Ordinal).First(g => g.Count() > 1).Key;
                    problems.Add(ValidationProblem.Create("SourceDevices", ValidationKeys.DeviceListedTwice, twice));
                }

                string target = "/dev/" + logical.VolumeGroup;
                return ValidationResult<ValidatedPool>.From(() => new ValidatedPool(spec, target, null, null, devices), problems);
            }

            default:
                problems.Add(ValidationProblem.Create("Type", ValidationKeys.Required, "Type"));
                return ValidationResult<ValidatedPool>.Refused(problems);
        }
    }

    private static string? CheckTarget(string? path, IReadOnlyList<StoragePoolInfo> existingPools, List<ValidationProblem> problems)
    {
        string? target = PoolPathRules.CheckPoolTarget(path, "TargetPath", problems);
        if (target is null)
        {
            return null;
        }

        // Two pools over one directory would each list (and delete) the other's volumes.
        StoragePoolInfo? other = existingPools.FirstOrDefault(p => p.TargetPath.StartsWith('/') && PoolPathRules.Overlaps(target, Path.GetFullPath(p.TargetPath)));
        if (other is not null)
        {
            problems.Add(ValidationProblem.Create("TargetPath", ValidationKeys.PoolTargetInUse, target, other.TargetPath, other.Name));
            return null;
        }

        return target;
    }

    private static void CheckOption<TEnum>(TEnum value, string field, List<ValidationProblem> problems)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            problems.Add(ValidationProblem.Create(field, ValidationKeys.OptionInvalid, Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture), field));
        }
    }
}
