namespace WebVirt.Web.Components.Shared;

/// <summary>One value at one time on a usage graph.</summary>
public readonly record struct UsagePoint(DateTimeOffset At, double Value);

/// <summary>One line of a usage graph: its legend text, its colour (any CSS colour) and its points, oldest first.</summary>
public sealed record UsageLine(string Label, string Color, IReadOnlyList<UsagePoint> Points);

/// <summary>What a graph's values measure, which decides how its axis and legend print them.</summary>
public enum UsageUnit
{
    /// <summary>0 to 100; the axis always reaches 100.</summary>
    Percent,

    /// <summary>An amount of bytes (memory).</summary>
    Bytes,

    /// <summary>A rate in bytes per second (disk, network).</summary>
    BytesPerSecond,

    /// <summary>A plain number (the host's load average).</summary>
    Number,
}
