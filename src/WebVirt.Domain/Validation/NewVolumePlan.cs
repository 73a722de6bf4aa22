using WebVirt.Domain.Guests;

namespace WebVirt.Domain.Validation;

/// <summary>A volume to create: <paramref name="VolumeName"/> in <paramref name="Pool"/>, ending up at <paramref name="Path"/>.</summary>
public sealed record NewVolumePlan(string Pool, string VolumeName, string Path, long CapacityBytes, DiskFormat Format, bool Thin);
