using WebVirt.Contracts;

namespace WebVirt.Data;

/// <summary>
/// The resolutions usage history is kept at: raw samples at the sampling interval for two hours,
/// 5-minute averages for two days and 30-minute averages for eight days. Each graph range reads the
/// coarsest tier that still shows it in enough points, so no read and no subject ever holds more
/// than retention / resolution rows per tier.
/// </summary>
public sealed class UsageTiers
{
    public const int MaxSampleIntervalSeconds = 60;
    public const int FiveMinutes = 300;
    public const int ThirtyMinutes = 1800;

    public UsageTiers(int sampleIntervalSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleIntervalSeconds, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleIntervalSeconds, MaxSampleIntervalSeconds);
        Raw = new UsageTier(sampleIntervalSeconds, TimeSpan.FromHours(2));
        FiveMinute = new UsageTier(FiveMinutes, TimeSpan.FromDays(2));
        ThirtyMinute = new UsageTier(ThirtyMinutes, TimeSpan.FromDays(8));
    }

    public UsageTier Raw { get; }

    public UsageTier FiveMinute { get; }

    public UsageTier ThirtyMinute { get; }

    /// <summary>Finest first; each coarser tier is averaged from the one before it.</summary>
    public IReadOnlyList<UsageTier> All => [Raw, FiveMinute, ThirtyMinute];

    /// <summary>The tier a graph range is read from and how far back it reaches.</summary>
    public (UsageTier Tier, TimeSpan Window) For(UsageRange range) => range switch
    {
        UsageRange.Live => (Raw, TimeSpan.FromMinutes(10)),
        UsageRange.Hour => (Raw, TimeSpan.FromHours(1)),
        UsageRange.Day => (FiveMinute, TimeSpan.FromDays(1)),
        UsageRange.Week => (ThirtyMinute, TimeSpan.FromDays(7)),
        _ => throw new ArgumentOutOfRangeException(nameof(range), range, "Unknown usage range."),
    };

    /// <summary>
    /// The most rows one subject (the host or a guest) can have in a tier when history is compacted
    /// at least every <paramref name="compactionInterval"/>: the retention's worth, what accrues
    /// between two compactions, and the row at the retention's edge.
    /// </summary>
    public static int MaxRowsPerSubject(UsageTier tier, TimeSpan compactionInterval)
    {
        ArgumentNullException.ThrowIfNull(tier);
        return (int)Math.Ceiling((tier.Retention + compactionInterval).TotalSeconds / tier.ResolutionSeconds) + 1;
    }
}
