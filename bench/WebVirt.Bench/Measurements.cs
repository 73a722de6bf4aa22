using System.Diagnostics;

namespace WebVirt.Bench;

/// <summary>Repeats an operation and reports the median and the spread, after warm-up runs.</summary>
internal static class Measurements
{
    public static async Task<Summary> MeasureAsync(string name, int warmup, int runs, Func<Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation();
        }

        var samples = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        samples.Sort();
        var summary = new Summary(name, runs, samples[0], samples[runs / 2], samples[(int)Math.Min(runs - 1, Math.Ceiling(runs * 0.95) - 1)], samples[^1]);
        Console.WriteLine(summary);
        return summary;
    }

    public sealed record Summary(string Name, int Runs, double MinMs, double MedianMs, double P95Ms, double MaxMs)
    {
        public override string ToString() =>
            FormattableString.Invariant($"{Name,-58} n={Runs,3}  min {MinMs,8:F2} ms  median {MedianMs,8:F2} ms  p95 {P95Ms,8:F2} ms  max {MaxMs,8:F2} ms");
    }
}
