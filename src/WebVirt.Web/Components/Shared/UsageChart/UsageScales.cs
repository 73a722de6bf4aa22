namespace WebVirt.Web.Components.Shared;

/// <summary>
/// What the usage graphs choose before MudBlazor's chart draws them: the time span, a value axis
/// from 0 to a round maximum in the graph's unit, and where a line pauses.
/// </summary>
public static class UsageScales
{
    /// <summary>Consecutive points further apart than this many times the usual step start a new segment.</summary>
    private const double GapFactor = 5;

    /// <summary>The time span and value ceiling shared by all lines of a graph; null when no line has a point.</summary>
    public static UsageScale? ScaleOf(IReadOnlyList<UsageLine> lines, UsageUnit unit)
    {
        var points = lines.SelectMany(line => line.Points).ToList();
        if (points.Count == 0)
        {
            return null;
        }

        var from = points.Min(point => point.At);
        var to = points.Max(point => point.At);
        var highest = points.Max(point => point.Value);
        var max = unit switch
        {
            UsageUnit.Percent => Math.Max(100, NiceCeiling(highest)),
            UsageUnit.Number => NiceCeiling(highest),
            // An idle disk or network reads 0 to 1 KiB/s, not fractions of a byte.
            _ => Math.Max(1024, NiceBinaryCeiling(highest)),
        };
        return new UsageScale(from, to, max);
    }

    /// <summary>The smallest 1, 2 or 5 times a power of ten at or above <paramref name="value"/> (1 for nothing).</summary>
    public static double NiceCeiling(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>
    /// For bytes: a round number in the binary unit the axis prints (2 GiB, 500 KiB), so the labels
    /// read "2 GiB" rather than "1.9 GiB".
    /// </summary>
    public static double NiceBinaryCeiling(double value)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            return 1;
        }

        var unit = 1.0;
        while (value >= unit * 1024)
        {
            unit *= 1024;
        }

        var ceiling = NiceCeiling(value / unit) * unit;
        // 1000 KiB would print as "1000 KiB"; the next binary step is the rounder label.
        return ceiling >= unit * 1000 ? unit * 1024 : ceiling;
    }

    /// <summary>
    /// The line cut where the samples pause (the guest was off, the agent was down), so the chart
    /// draws each run on its own instead of a straight line across the pause.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<UsagePoint>> Runs(IReadOnlyList<UsagePoint> points)
    {
        var gap = UsualStep(points) * GapFactor;
        var runs = new List<IReadOnlyList<UsagePoint>>();
        var run = new List<UsagePoint>();
        foreach (var point in points)
        {
            if (run.Count > 0 && gap > 0 && (point.At - run[^1].At).TotalSeconds > gap)
            {
                runs.Add(run);
                run = [];
            }

            run.Add(point);
        }

        if (run.Count > 0)
        {
            runs.Add(run);
        }

        return runs;
    }

    private static double UsualStep(IReadOnlyList<UsagePoint> points)
    {
        if (points.Count < 3)
        {
            return 0;
        }

        var steps = points.Zip(points.Skip(1), (a, b) => (b.At - a.At).TotalSeconds).Order().ToList();
        return steps[steps.Count / 2];
    }
}

/// <summary>The span and value ceiling of one graph.</summary>
public sealed record UsageScale(DateTimeOffset From, DateTimeOffset To, double Max);
