using System.Globalization;

namespace WebVirt.Domain.Validation;

/// <summary>
/// Sizes of disks and volumes: the binary units, libvirt's unit names, and the one range a disk
/// may have. A value out of range is refused with a message that names the range; nothing is
/// clamped.
/// </summary>
public static class SizeRules
{
    public const long KiB = 1024;
    public const long MiB = 1024 * KiB;
    public const long GiB = 1024 * MiB;

    /// <summary>The largest disk we create or grow to (64 TiB): far above real use, far below qcow2's limit.</summary>
    public const long MaximumDiskGiB = 64 * 1024;

    public const long MaximumDiskBytes = MaximumDiskGiB * GiB;

    /// <summary>A disk size in GiB, as the wizard asks for it: 1 GiB to <see cref="MaximumDiskGiB"/>.</summary>
    public static bool CheckDiskGiB(long giB, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (giB >= 1 && giB <= MaximumDiskGiB)
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.DiskSizeInvalid, MaximumDiskGiB, giB));
        return false;
    }

    /// <summary>A volume's capacity in bytes: more than 0, at most <see cref="MaximumDiskBytes"/>.</summary>
    public static bool CheckDiskBytes(long bytes, string field, List<ValidationProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (bytes > 0 && bytes <= MaximumDiskBytes)
        {
            return true;
        }

        problems.Add(ValidationProblem.Create(field, ValidationKeys.VolumeCapacityInvalid, MaximumDiskGiB, bytes));
        return false;
    }

    /// <summary>
    /// A size element's value in bytes, whatever its unit (libvirt's b/bytes, KB, MB, GB, TB in
    /// powers of 1000; k/KiB, M/MiB, G/GiB, T/TiB in powers of 1024, KiB when absent); null when
    /// the number or the unit is not one libvirt writes, or the bytes would not fit in a long.
    /// </summary>
    public static long? ToBytes(string? value, string? unit)
    {
        if (!long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long number))
        {
            return null;
        }

        decimal? factor = (unit ?? "KiB") switch
        {
            "b" or "bytes" => 1m,
            "KB" => 1000m,
            "MB" => 1000m * 1000m,
            "GB" => 1000m * 1000m * 1000m,
            "TB" => 1000m * 1000m * 1000m * 1000m,
            "k" or "KiB" => KiB,
            "M" or "MiB" => MiB,
            "G" or "GiB" => GiB,
            "T" or "TiB" => GiB * 1024m,
            _ => null,
        };
        decimal? bytes = number * factor;
        return bytes is decimal b && b <= long.MaxValue ? (long)b : null;
    }
}
