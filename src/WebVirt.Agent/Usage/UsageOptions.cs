namespace WebVirt.Agent.Usage;

/// <summary>Settings of usage sampling, bound from the "Usage" configuration section.</summary>
public sealed class UsageOptions
{
    public const string SectionName = "Usage";

    /// <summary>The longest interval; the consoles' raw history tier is kept at the interval, so it must match theirs (WebVirt:UsageIntervalSeconds).</summary>
    public const int MaxIntervalSeconds = 60;

    /// <summary>Seconds between two samples; also the resolution of the consoles' raw history tier (Live and Hour graphs).</summary>
    public int IntervalSeconds { get; set; } = 5;

    internal static bool IntervalIsValid(UsageOptions o) => o.IntervalSeconds is >= 1 and <= MaxIntervalSeconds;
}
