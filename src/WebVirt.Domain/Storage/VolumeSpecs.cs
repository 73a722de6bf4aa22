namespace WebVirt.Domain.Storage;

public enum VolumeFormat
{
    Qcow2,
    Raw,

    /// <summary>An installer image; only uploaded or downloaded, never created empty.</summary>
    Iso,
}

/// <summary>
/// A new empty volume of <paramref name="CapacityBytes"/>; <paramref name="AllocationBytes"/> is
/// what is reserved up front (0 = thin, the capacity = fully allocated).
/// </summary>
public sealed record VolumeSpec(string Name, VolumeFormat Format, long CapacityBytes, long AllocationBytes = 0)
{
    public const long GiB = Validation.SizeRules.GiB;

    public static VolumeSpec FromGiB(string name, VolumeFormat format, long capacityGiB, bool thin = true) =>
        new(name, format, checked(capacityGiB * GiB), thin ? 0 : checked(capacityGiB * GiB));
}

/// <summary>A copy of an existing volume (virStorageVolCreateXMLFrom) as <paramref name="NewName"/> in <paramref name="Format"/>.</summary>
public sealed record VolumeCloneSpec(string NewName, VolumeFormat Format, long SourceCapacityBytes);

/// <summary>A volume growing from <paramref name="CurrentCapacityBytes"/> to <paramref name="NewCapacityBytes"/>.</summary>
public sealed record VolumeResizeSpec(long CurrentCapacityBytes, long NewCapacityBytes);

/// <summary>A file the browser uploads into a pool; <paramref name="FileName"/> is the user's file name, sanitized into the volume name.</summary>
public sealed record UploadSpec(string FileName, long SizeBytes);

/// <summary>
/// A file the agent downloads into a pool; a null <paramref name="VolumeName"/> takes the URL's last
/// path segment. At most one of <paramref name="Checksum"/> (a pasted sum) and
/// <paramref name="ChecksumUrl"/> (a sums file listing the URL's file name) says what the file must hash to.
/// </summary>
public sealed record DownloadSpec(string Url, string? VolumeName = null, string? Checksum = null, string? ChecksumUrl = null);
