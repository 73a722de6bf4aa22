using System.Globalization;
using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// How long after `virsh` acts on a guest the dashboard shows its new state, with many guests
/// listed: a MutationObserver in the page notes when each watched state cell first shows the
/// expected word, on the same wall clock the benchmark notes virsh's spawn and return on.
/// </summary>
internal static class EventBench
{
    private const string Uri = "qemu:///system";

    internal const string InstallWatch = """
        () => {
            const w = window.__wvWatch = { targets: {}, seen: {} };
            w.check = () => {
                for (const [name, text] of Object.entries(w.targets)) {
                    if (w.seen[name] === undefined) {
                        const cell = document.querySelector(`[data-testid='guest-state-${name}']`);
                        if (cell && cell.textContent.trim() === text) {
                            w.seen[name] = performance.timeOrigin + performance.now();
                        }
                    }
                }
            };
            new MutationObserver(w.check).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    internal const string Watch = "targets => { const w = window.__wvWatch; w.targets = targets; w.seen = {}; w.check(); }";

    internal const string AllSeen = "n => Object.keys(window.__wvWatch.seen).length >= n";

    internal const string Seen = "() => window.__wvWatch.seen";

    public static async Task RunAsync(int guests, int runs, int burst, int burstRuns)
    {
        Console.WriteLine($"WebVirt event latency benchmark: {guests} guests listed on {Uri} ({burst + 1} of them real TCG guests), {runs} runs per action, bursts of {burst} x {burstRuns}");
        await using var real = await EventGuests.DefineAsync(Uri, burst + 1);
        using var idle = new BenchGuests(Uri, Math.Max(0, guests - real.Names.Count));
        var single = real.Names[0];
        var group = real.Names.Skip(1).ToList();
        await Virsh.RunAsync(Uri, "start", single);
        foreach (var name in group)
        {
            // Paused until a burst resumes them, so they cost no CPU between bursts.
            await Virsh.RunAsync(Uri, "start", "--paused", name);
        }

        await using var stack = await WebVirtStack.StartAsync(Uri, "bench", startWeb: true);
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        try
        {
            // Tall enough that every real guest's row is rendered by the virtualized table.
            var page = await browser.NewPageAsync(new BrowserNewPageOptions
            {
                BaseURL = stack.WebUrl,
                ViewportSize = new ViewportSize { Width = 1440, Height = 900 + (45 * real.Names.Count) },
            });
            await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            // Only this run's guests (other runs may share the host); the real ones sort first.
            await page.Locator("input[data-testid='guest-filter'], [data-testid='guest-filter'] input").FillAsync(TestRun.Prefix);
            var count = guests.ToString(CultureInfo.InvariantCulture);
            await Assertions.Expect(page.GetByTestId("guest-count")).ToContainTextAsync(count, new() { Timeout = 120_000 });
            await Assertions.Expect(page.GetByTestId($"guest-state-{single}")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
            foreach (var name in group)
            {
                await Assertions.Expect(page.GetByTestId($"guest-state-{name}")).ToHaveTextAsync("Paused", new() { Timeout = 60_000 });
            }

            await page.EvaluateAsync(InstallWatch);
            var rows = new List<Row>();
            rows.AddRange(await MeasurePairAsync(page, single, runs, ("suspend", "Paused"), ("resume", "Running")));
            rows.AddRange(await MeasurePairAsync(page, single, runs, ("destroy", "Shut off"), ("start", "Running")));
            if (group.Count > 0)
            {
                rows.AddRange(await MeasureBurstsAsync(page, group, burstRuns));
            }

            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-events.png") });
            Print(rows);
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    private static async Task<Row[]> MeasurePairAsync(IPage page, string guest, int runs, (string Verb, string Shown) first, (string Verb, string Shown) second)
    {
        // One warm-up pair, then the measured ones, alternating so the guest ends as it began.
        await ActAsync(page, [guest], first.Verb, first.Shown);
        await ActAsync(page, [guest], second.Verb, second.Shown);
        var a = new Samples();
        var b = new Samples();
        for (var i = 0; i < runs; i++)
        {
            foreach (var ((verb, shown), samples) in new[] { (first, a), (second, b) })
            {
                var (virsh, seen) = await ActAsync(page, [guest], verb, shown);
                samples.Add(virsh[0].ReturnMs, seen[guest] - virsh[0].SpawnedAtEpochMs);
            }
        }

        return [a.ToRow($"virsh {first.Verb} -> {first.Shown}", "from spawning virsh"), b.ToRow($"virsh {second.Verb} -> {second.Shown}", "from spawning virsh")];
    }

    private static async Task<Row[]> MeasureBurstsAsync(IPage page, IReadOnlyList<string> group, int runs)
    {
        var resume = new Samples();
        var suspend = new Samples();
        for (var i = 0; i < runs; i++)
        {
            foreach (var (verb, shown, samples) in new[] { ("resume", "Running", resume), ("suspend", "Paused", suspend) })
            {
                var (virsh, seen) = await ActAsync(page, group, verb, shown);
                // The loop's own time beside the wait after its last virsh returned.
                samples.Add(virsh[^1].ReturnedAtEpochMs - virsh[0].SpawnedAtEpochMs, seen.Values.Max() - virsh[^1].ReturnedAtEpochMs);
            }
        }

        return
        [
            resume.ToRow($"burst: {group.Count} x virsh resume -> all Running", "after the last virsh returned"),
            suspend.ToRow($"burst: {group.Count} x virsh suspend -> all Paused", "after the last virsh returned"),
        ];
    }

    /// <summary>Runs virsh on each guest in turn, as a shell loop would, and waits until the page shows every new state.</summary>
    private static async Task<(List<Virsh.Run> Virsh, Dictionary<string, double> Seen)> ActAsync(IPage page, IReadOnlyList<string> guests, string verb, string shown)
    {
        await page.EvaluateAsync(Watch, guests.ToDictionary(name => name, _ => shown));
        var runs = new List<Virsh.Run>(guests.Count);
        foreach (var guest in guests)
        {
            runs.Add(await Virsh.RunAsync(Uri, verb, guest));
        }

        await page.WaitForFunctionAsync(AllSeen, guests.Count, new PageWaitForFunctionOptions { Timeout = 60_000 });
        var seen = await page.EvaluateAsync<Dictionary<string, double>>(Seen);
        // Lets the follow-up reads of this action settle before the next one is timed.
        await Task.Delay(300);
        return (runs, seen);
    }

    private static void Print(IEnumerable<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"{"action",-44} {"n",3}  {"virsh returns p50/p95 ms",-26} {"page shows p50/p95 ms",-22} measured"));
        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{row.Name,-44} {row.Runs,3}  {row.VirshP50,9:F0} / {row.VirshP95,-14:F0} {row.ShownP50,8:F0} / {row.ShownP95,-11:F0} {row.Measured}"));
        }
    }

    private sealed record Row(string Name, int Runs, double VirshP50, double VirshP95, double ShownP50, double ShownP95, string Measured);

    private sealed class Samples
    {
        private readonly List<double> _virsh = [];
        private readonly List<double> _shown = [];

        public void Add(double virshMs, double shownMs)
        {
            _virsh.Add(virshMs);
            _shown.Add(shownMs);
        }

        public Row ToRow(string name, string measured) =>
            new(name, _virsh.Count, Percentile(_virsh, 0.5), Percentile(_virsh, 0.95), Percentile(_shown, 0.5), Percentile(_shown, 0.95), measured);

        private static double Percentile(List<double> values, double p)
        {
            var sorted = values.Order().ToList();
            return sorted[(int)Math.Clamp(Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
        }
    }
}
