using System.Globalization;

namespace WebVirt.Bench;

/// <summary>One minute's memory of the web and the agent during the soak.</summary>
internal sealed record SoakSample(int Minute, ProcessMemory Web, ProcessMemory Agent);

/// <summary>
/// The soak's table: memory after 10 minutes, every 30 minutes and at the end, and the end's ratio
/// to the 10-minute figure per process, against the goal of at most 10 % growth (RSS decides;
/// PSS is shown beside it).
/// </summary>
internal static class SoakReport
{
    public const int BaselineMinute = 10;
    private const double Goal = 1.10;

    public static void Print(IReadOnlyList<SoakSample> samples)
    {
        Console.WriteLine();
        if (samples.Count == 0)
        {
            Console.WriteLine("no memory samples taken");
            return;
        }

        Console.WriteLine("MiB        | web: anon   file  shmem    RSS    PSS | agent: anon   file  shmem    RSS    PSS");
        var end = samples[^1];
        foreach (var sample in samples.Where(s => s.Minute == BaselineMinute || s.Minute % 30 == 0 || s == end))
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{sample.Minute,4} min   | {MemoryBench.Cells(sample.Web)} | {MemoryBench.Cells(sample.Agent)}"));
        }

        var baseline = samples.FirstOrDefault(s => s.Minute == BaselineMinute);
        if (baseline is null || end.Minute <= BaselineMinute)
        {
            Console.WriteLine($"ended before minute {BaselineMinute + 1}: no end/{BaselineMinute}-min ratio");
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"end (min {end.Minute}) / min {BaselineMinute}   RSS ratio  PSS ratio  goal RSS <= {Goal.ToString("F2", CultureInfo.InvariantCulture)}");
        Ratio("web", baseline.Web, end.Web);
        Ratio("agent", baseline.Agent, end.Agent);
        Ratio("web + agent", Sum(baseline.Web, baseline.Agent), Sum(end.Web, end.Agent));
    }

    private static void Ratio(string process, ProcessMemory baseline, ProcessMemory end)
    {
        var rss = (double)end.RssKiB / baseline.RssKiB;
        var pss = (double)end.PssKiB / baseline.PssKiB;
        Console.WriteLine(FormattableString.Invariant($"{process,-24} {rss,9:F3} {pss,10:F3}  {(rss <= Goal ? "pass" : "FAIL")}"));
    }

    private static ProcessMemory Sum(ProcessMemory a, ProcessMemory b) =>
        new(a.RssAnonKiB + b.RssAnonKiB, a.RssFileKiB + b.RssFileKiB, a.RssShmemKiB + b.RssShmemKiB, a.PssKiB + b.PssKiB);
}
