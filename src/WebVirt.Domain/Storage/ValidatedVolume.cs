namespace WebVirt.Domain.Storage;

/// <summary>
/// A volume to create, clone into or upload into, after <see cref="VolumeValidator"/> checked it
/// against its pool. Only the validator creates one, so volume XML comes from validated input.
/// </summary>
public sealed class ValidatedVolume
{
    internal ValidatedVolume(string pool, string name, string path, VolumeFormat format, long capacityBytes, long allocationBytes)
    {
        Pool = pool;
        Name = name;
        Path = path;
        Format = format;
        CapacityBytes = capacityBytes;
        AllocationBytes = allocationBytes;
    }

    public string Pool { get; }

    public string Name { get; }

    /// <summary>Where the volume will be: the pool's target directory and <see cref="Name"/>.</summary>
    public string Path { get; }

    public VolumeFormat Format { get; }

    public long CapacityBytes { get; }

    public long AllocationBytes { get; }
}

/// <summary>A resize that grows the volume by <paramref name="GrowthBytes"/> and fits its pool.</summary>
public sealed record ValidatedResize(long NewCapacityBytes, long GrowthBytes);

/// <summary>
/// A download that may start: the parsed http(s) URL and the volume it fills (<paramref name="NameGiven"/>:
/// the user chose the name, so the agent must not change its extension), and the sum to check, pasted
/// (<paramref name="Checksum"/>) or still to be read from a sums file (<paramref name="ChecksumUrl"/>).
/// </summary>
public sealed record ValidatedDownload(Uri Url, string VolumeName, VolumeFormat Format, string Path, bool NameGiven = false, ImageChecksum? Checksum = null, Uri? ChecksumUrl = null)
{
    /// <summary>The URL's last path segment, unescaped: the name a sums file lists the image under.</summary>
    public string FileName => System.IO.Path.GetFileName(Uri.UnescapeDataString(Url.AbsolutePath));
}
