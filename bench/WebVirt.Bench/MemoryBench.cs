using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// Memory of the web and the agent at several inventory sizes: a fresh stack per size, measured
/// after the dashboard was open and idle for the settle time, and again after every main page was
/// visited once (back on the dashboard, settled again); each figure is the median of five readings. One real TCG guest runs, so the guest page
/// refreshes its screenshot and the console page relays a screen, as in use.
/// </summary>
internal static class MemoryBench
{
    private const string Uri = "qemu:///system";

    // True once the count's last number (the total) reaches the expected one.
    internal const string CountReached = """
        n => {
            const cell = document.querySelector("[data-testid='guest-count']");
            if (!cell || cell.dataset.loading) return false;
            const numbers = cell.textContent.match(/\d+/g);
            return numbers !== null && Number(numbers[numbers.length - 1]) >= n;
        }
        """;

    private static readonly string[] MainPages = ["/hosts", "/storage", "/networks", "/guests/new", "/users", "/audit", "/account"];

    /// <param name="variants">Configurations to compare at each size (programs, runtime settings), each on a fresh stack; one with the build output as it is when empty.</param>
    /// <param name="dashboardOnly">Measure only with the dashboard open, without visiting the other pages (quicker comparisons).</param>
    public static async Task RunAsync(IReadOnlyList<int> sizes, TimeSpan settle, IReadOnlyList<StackVariant> variants, bool dashboardOnly)
    {
        Console.WriteLine($"WebVirt memory benchmark on {Uri}: {string.Join('/', sizes)} guests, settled {settle.TotalSeconds:F0} s, dashboard open in Chromium");
        if (variants.Count == 0)
        {
            variants = [new StackVariant("build output", new StackLaunch())];
        }

        var rows = new List<Row>();
        await using var real = await EventGuests.DefineAsync(Uri, 1);
        var running = real.Names[0];
        await Virsh.RunAsync(Uri, "start", running);
        string uuid;
        using (var connection = LibvirtConnection.Open(Uri))
        using (var domain = connection.LookupDomainByName(running))
        {
            uuid = domain.Uuid;
        }

        foreach (var size in sizes)
        {
            using var idle = new BenchGuests(Uri, Math.Max(0, size - 1));
            foreach (var variant in variants)
            {
                Console.WriteLine($"{size} guests, {variant.Label}");
                try
                {
                    await MeasureVariantAsync(size, variant, settle, dashboardOnly, uuid, rows);
                }
                catch (Exception e) when (e is TimeoutException or PlaywrightException)
                {
                    // A stack that does not come up in time on a loaded machine loses its row, not the
                    // other variants' (its processes are gone, the guests stay for the next one).
                    Console.WriteLine($"{size} guests, {variant.Label}: not measured, {e.Message.Split('\n')[0]}");
                }
            }
        }

        Print(rows);
    }

    private static async Task MeasureVariantAsync(int size, StackVariant variant, TimeSpan settle, bool dashboardOnly, string uuid, List<Row> rows)
    {
        await using var stack = await WebVirtStack.StartAsync(Uri, "bench", startWeb: true, launch: variant.Launch);
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        try
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = stack.WebUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
            // Each page's first load after the web started runs code for the first time: what a runtime setting
            // that compiles differently (tiered compilation off) costs shows here, beside the memory it saves.
            var firstLoads = new List<string>();
            var started = Stopwatch.StartNew();
            await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.WaitForFunctionAsync(CountReached, size, new PageWaitForFunctionOptions { Timeout = 180_000 });
            firstLoads.Add(FormattableString.Invariant($"sign-in to every guest counted {started.ElapsedMilliseconds}"));
            await Task.Delay(settle);
            rows.Add(await MeasureAsync(size, variant.Label, "dashboard open", stack));
            if (dashboardOnly)
            {
                Console.WriteLine($"  first loads after start, ms: {string.Join(", ", firstLoads)}");
                return;
            }

            foreach (var path in MainPages.Append($"/guests/{stack.HostId}/{uuid}").Append($"/guests/{stack.HostId}/{uuid}/console"))
            {
                started.Restart();
                await page.GotoAsync(path);
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 60_000 });
                firstLoads.Add(FormattableString.Invariant($"{path} {started.ElapsedMilliseconds}"));
                // Long enough for a guest page to refresh its screenshot at least once.
                await Task.Delay(TimeSpan.FromSeconds(12));
            }

            Console.WriteLine($"  first loads after start, ms: {string.Join(", ", firstLoads)}");
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync(CountReached, size, new PageWaitForFunctionOptions { Timeout = 180_000 });
            await Task.Delay(settle);
            rows.Add(await MeasureAsync(size, variant.Label, "every page visited", stack));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", $"bench-memory-{size}.png") });
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    // The web's RSS swings by tens of MiB from one GC to the next, so one reading is a poor figure:
    // five readings 5 s apart, and for each process the one with the median RSS.
    private static async Task<Row> MeasureAsync(int guests, string variant, string after, WebVirtStack stack)
    {
        var web = new List<ProcessMemory>();
        var agent = new List<ProcessMemory>();
        for (var i = 0; i < 5; i++)
        {
            if (i > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            web.Add(ProcessMemory.Read(stack.Web.Pid));
            agent.Add(ProcessMemory.Read(stack.Agent.Pid));
        }

        var row = new Row(guests, variant, after, web.OrderBy(m => m.RssKiB).ElementAt(2), agent.OrderBy(m => m.RssKiB).ElementAt(2));
        Console.WriteLine(FormattableString.Invariant($"  web RSS {string.Join(' ', web.Select(m => Mib(m.RssKiB)))}, agent RSS {string.Join(' ', agent.Select(m => Mib(m.RssKiB)))}"));
        Console.WriteLine(FormattableString.Invariant($"measured {guests} guests, {variant}, {after}: web {Cells(row.Web)} | agent {Cells(row.Agent)}"));
        return row;
    }

    private static void Print(IEnumerable<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("MiB          after                 | web: anon   file  shmem    RSS    PSS | agent: anon   file  shmem    RSS    PSS | web+agent PSS");
        foreach (var group in rows.GroupBy(r => r.Variant))
        {
            Console.WriteLine(group.Key);
            foreach (var row in group)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"{row.Guests,5} guests {row.After,-21} | {Cells(row.Web)} | {Cells(row.Agent)}   | {Mib(row.Web.PssKiB + row.Agent.PssKiB),8}"));
            }
        }
    }

    internal static string Cells(ProcessMemory m) =>
        FormattableString.Invariant($"{Mib(m.RssAnonKiB),9} {Mib(m.RssFileKiB),6} {Mib(m.RssShmemKiB),6} {Mib(m.RssKiB),6} {Mib(m.PssKiB),6}");

    internal static string Mib(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Row(int Guests, string Variant, string After, ProcessMemory Web, ProcessMemory Agent);
}
