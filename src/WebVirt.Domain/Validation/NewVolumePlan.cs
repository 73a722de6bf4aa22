using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>A volume to create: <paramref name="VolumeName"/> in <paramref name="Pool"/>, ending up at <paramref name="Path"/>.</summary>
public sealed record NewVolumePlan(string Pool, string VolumeName, string Path, long CapacityBytes, DiskFormat Format, bool Thin)
{
    /// <summary>The imported image the volume is copied from or layered on; null for an empty volume.</summary>
    public ImageImport? Import { get; init; }
}

/// <summary>
/// An image a new volume is made from: a full copy of it, or (<paramref name="Overlay"/>) a qcow2
/// overlay whose backing file it is. <paramref name="SourceFormat"/> is qcow2 or raw.
/// </summary>
public sealed record ImageImport(string SourcePath, string SourceFormat, long SourceCapacityBytes, bool Overlay);
