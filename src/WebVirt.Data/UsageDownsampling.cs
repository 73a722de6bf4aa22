using Microsoft.EntityFrameworkCore;

namespace WebVirt.Data;

/// <summary>Averages a finer usage tier into the buckets of a coarser one, in the database with one statement.</summary>
internal static class UsageDownsampling
{
    /// <summary>
    /// Writes, per subject, the average of the finer rows in every bucket that has finished by
    /// <paramref name="now"/> and lies after the coarser tier's newest bucket. Buckets are aligned
    /// to the Unix epoch, so every agent and every run cuts them at the same instants.
    /// </summary>
    public static Task<int> RunAsync(AgentDbContext db, string hostId, UsageTier finer, UsageTier coarser, DateTimeOffset now, CancellationToken ct)
    {
        var resolution = coarser.ResolutionSeconds;
        var width = TimeSpan.FromSeconds(resolution);
        var finerResolution = finer.ResolutionSeconds;

        // The start of the bucket now is in: rows from there on belong to a bucket still filling.
        var unfinished = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / resolution * resolution);
        var before = StoredTime.From(unfinished);

        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO agent."UsageSamples" ("HostId", "GuestUuid", "ResolutionSeconds", "At", "CpuPercent", "MemoryUsedKiB", "MemoryTotalKiB",
                "DiskReadBytesPerSecond", "DiskWriteBytesPerSecond", "NetRxBytesPerSecond", "NetTxBytesPerSecond", "Load1")
            SELECT f."HostId", f."GuestUuid", {resolution}, date_bin({width}, f."At", TIMESTAMPTZ '1970-01-01 00:00:00+00') AS bucket,
                avg(f."CpuPercent"), round(avg(f."MemoryUsedKiB"))::bigint, round(avg(f."MemoryTotalKiB"))::bigint,
                avg(f."DiskReadBytesPerSecond"), avg(f."DiskWriteBytesPerSecond"), avg(f."NetRxBytesPerSecond"), avg(f."NetTxBytesPerSecond"),
                avg(f."Load1")
            FROM agent."UsageSamples" f
            WHERE f."HostId" = {hostId} AND f."ResolutionSeconds" = {finerResolution} AND f."At" < {before}
              AND f."At" >= COALESCE(
                  (SELECT max(c."At") FROM agent."UsageSamples" c WHERE c."HostId" = {hostId} AND c."ResolutionSeconds" = {resolution}) + {width},
                  TIMESTAMPTZ '-infinity')
            GROUP BY f."HostId", f."GuestUuid", bucket
            """,
            ct);
    }
}
