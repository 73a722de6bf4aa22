using WebVirt.Data;

namespace WebVirt.Agent.Usage;

/// <summary>Settings of usage sampling, bound from the "Usage" configuration section.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>Seconds between two samples; also the resolution of the raw tier (Live and Hour graphs).</summary>
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>Seconds between two compactions (downsampling and expiry) of the history.</summary>
    public int CompactionIntervalSeconds { get; set; } = 60;

    internal static bool IntervalIsValid(UsageOptions o) => o.IntervalSeconds is >= 1 and <= UsageTiers.MaxSampleIntervalSeconds;

    // Compacting at least every 5 minutes keeps the raw tier within the bound UsageTiers computes for it.
    internal static bool CompactionIntervalIsValid(UsageOptions o) => o.CompactionIntervalSeconds is >= 10 and <= UsageTiers.FiveMinutes;
}
