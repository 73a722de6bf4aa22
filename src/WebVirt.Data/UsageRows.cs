using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>Maps usage samples between the contracts and the stored rows.</summary>
internal static class UsageRows
{
    public static UsageSample FromHost(string hostId, int resolutionSeconds, HostUsageSample sample) =>
        new()
        {
            HostId = hostId,
            GuestUuid = null,
            ResolutionSeconds = resolutionSeconds,
            At = StoredTime.From(sample.At),
            CpuPercent = sample.CpuPercent,
            MemoryUsedKiB = sample.MemoryUsedKiB,
            MemoryTotalKiB = sample.MemoryTotalKiB,
            Load1 = sample.Load1,
        };

    public static UsageSample FromGuest(string hostId, int resolutionSeconds, GuestUsageSample sample) =>
        new()
        {
            HostId = hostId,
            GuestUuid = GuestList.ParseUuid(sample.Uuid, nameof(sample)),
            ResolutionSeconds = resolutionSeconds,
            At = StoredTime.From(sample.At),
            CpuPercent = sample.CpuPercent,
            MemoryUsedKiB = sample.MemoryUsedKiB,
            MemoryTotalKiB = sample.MemoryTotalKiB,
            DiskReadBytesPerSecond = sample.DiskReadBytesPerSecond,
            DiskWriteBytesPerSecond = sample.DiskWriteBytesPerSecond,
            NetRxBytesPerSecond = sample.NetRxBytesPerSecond,
            NetTxBytesPerSecond = sample.NetTxBytesPerSecond,
        };

    public static GuestUsageSample ToGuest(string uuid, UsageSample row) =>
        new(
            uuid,
            row.At,
            row.CpuPercent,
            row.MemoryUsedKiB,
            row.MemoryTotalKiB,
            row.DiskReadBytesPerSecond,
            row.DiskWriteBytesPerSecond,
            row.NetRxBytesPerSecond,
            row.NetTxBytesPerSecond);

    public static HostUsageSample ToHost(UsageSample row) =>
        new(row.At, row.CpuPercent, row.MemoryUsedKiB, row.MemoryTotalKiB, row.Load1);

    public static void ValidateHostId(string hostId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hostId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hostId.Length, HostRecord.HostIdMaxLength, nameof(hostId));
    }
}
