namespace WebVirt.Domain.OsInfo;

/// <summary>One level of osinfo-db resources (minimum or recommended); a null field is unknown.</summary>
public sealed record OsResources(int? CpuCount, long? RamBytes, long? StorageBytes)
{
    public static OsResources Empty { get; } = new(null, null, null);

    public long? RamMiB => RamBytes / (1024 * 1024);

    public long? StorageGiB => StorageBytes is long bytes ? (bytes + (1L << 30) - 1) >> 30 : null;

    public bool IsComplete => CpuCount is not null && RamBytes is not null && StorageBytes is not null;

    /// <summary>Fills this level's unknown fields from <paramref name="ancestor"/>.</summary>
    public OsResources InheritFrom(OsResources ancestor) =>
        new(CpuCount ?? ancestor.CpuCount, RamBytes ?? ancestor.RamBytes, StorageBytes ?? ancestor.StorageBytes);
}
