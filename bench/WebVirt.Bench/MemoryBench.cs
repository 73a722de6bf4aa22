using System.Globalization;
using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// Memory of the web and the agent at several inventory sizes: a fresh stack per size, measured
/// after the dashboard was open and idle for the settle time, and again after every main page was
/// visited once (back on the dashboard, settled again). One real TCG guest runs, so the guest page
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

    public static async Task RunAsync(IReadOnlyList<int> sizes, TimeSpan settle)
    {
        Console.WriteLine($"WebVirt memory benchmark on {Uri}: {string.Join('/', sizes)} guests, settled {settle.TotalSeconds:F0} s, dashboard open in Chromium");
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
            await using var stack = await WebVirtStack.StartAsync(Uri, "bench", startWeb: true);
            var (playwright, browser) = await DebianChromium.LaunchAsync();
            try
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = stack.WebUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.WaitForFunctionAsync(CountReached, size, new PageWaitForFunctionOptions { Timeout = 180_000 });
                await Task.Delay(settle);
                rows.Add(Measure(size, "dashboard open", stack));

                foreach (var path in MainPages.Append($"/guests/{stack.HostId}/{uuid}").Append($"/guests/{stack.HostId}/{uuid}/console"))
                {
                    await page.GotoAsync(path);
                    await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 60_000 });
                    // Long enough for a guest page to refresh its screenshot at least once.
                    await Task.Delay(TimeSpan.FromSeconds(12));
                }

                await page.GotoAsync("/");
                await page.WaitForFunctionAsync(CountReached, size, new PageWaitForFunctionOptions { Timeout = 180_000 });
                await Task.Delay(settle);
                rows.Add(Measure(size, "every page visited", stack));
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", $"bench-memory-{size}.png") });
            }
            finally
            {
                await browser.CloseAsync();
                playwright.Dispose();
            }
        }

        Print(rows);
    }

    private static Row Measure(int guests, string after, WebVirtStack stack)
    {
        var row = new Row(guests, after, ProcessMemory.Read(stack.Web.Pid), ProcessMemory.Read(stack.Agent.Pid));
        Console.WriteLine(FormattableString.Invariant($"measured {guests} guests, {after}: web RSS {Mib(row.Web.RssKiB)} MiB, agent RSS {Mib(row.Agent.RssKiB)} MiB"));
        return row;
    }

    private static void Print(IEnumerable<Row> rows)
    {
        Console.WriteLine();
        Console.WriteLine("MiB          after                 | web: anon   file  shmem    RSS    PSS | agent: anon   file  shmem    RSS    PSS | web+agent PSS");
        foreach (var row in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{row.Guests,5} guests {row.After,-21} | {Cells(row.Web)} | {Cells(row.Agent)}   | {Mib(row.Web.PssKiB + row.Agent.PssKiB),8}"));
        }
    }

    internal static string Cells(ProcessMemory m) =>
        FormattableString.Invariant($"{Mib(m.RssAnonKiB),9} {Mib(m.RssFileKiB),6} {Mib(m.RssShmemKiB),6} {Mib(m.RssKiB),6} {Mib(m.PssKiB),6}");

    internal static string Mib(long kib) => (kib / 1024.0).ToString("F1", CultureInfo.InvariantCulture);

    private sealed record Row(int Guests, string After, ProcessMemory Web, ProcessMemory Agent);
}
