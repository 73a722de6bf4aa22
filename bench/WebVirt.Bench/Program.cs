using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using WebVirt.Bench;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

// Inventory benchmark: how long the agent takes to hand a console the inventory of many guests,
// against libvirt's own one-call stats, and how long a browser needs to show them all.
//   dotnet run -c Release --project bench/WebVirt.Bench -- [--guests 500] [--runs 30] [--no-browser]
// With --relay it measures the VNC relay instead (RelayBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --relay [--megabytes 256] [--pings 1000] [--runs 3]
// With --usage it measures the usage history in PostgreSQL instead (UsageBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --usage [--guests 500] [--runs 30]
// With --events it measures how soon the dashboard shows a state virsh changed (EventBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --events [--guests 500] [--runs 20] [--burst 20] [--burst-runs 3]
// With --recovery it measures how soon an open page is fresh after a part returns (RecoveryBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --recovery [--runs 3] [--parts agent,database,web] [--libvirtd]
// With --migration it compares WebVirt's migrations with virsh migrate's (MigrationBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --migration [--runs 5] [--offline-runs 10]
// With --soak it runs events, reloads and consoles for a long time and compares memory at the end
// with memory after ten minutes (SoakBench); SIGINT/SIGTERM end it early, cleaning up:
//   dotnet run -c Release --project bench/WebVirt.Bench -- --soak [--minutes 120] [--guests 500]
if (args.Contains("--soak"))
{
    using var stop = new CancellationTokenSource();
    void Stop(PosixSignalContext context)
    {
        // Not the default exit: the benchmark cancels, prints what it has and removes what it made.
        context.Cancel = true;
        stop.Cancel();
    }

    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
    await SoakBench.RunAsync(IntOption("--minutes", 120), IntOption("--guests", 500), stop.Token);
    return;
}

if (args.Contains("--migration"))
{
    await MigrationBench.RunAsync(IntOption("--runs", 5), IntOption("--offline-runs", 10));
    return;
}

// With --scale it measures one web with 10 agents of 500 test-driver guests each (ScaleBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --scale [--agents 10] [--guests 500] [--runs 10] [--settle 20] [--web-program PATH]
// --web-program runs another build of the web (its apphost), for A/B runs against an older commit.
if (args.Contains("--scale"))
{
    var webProgramIndex = Array.IndexOf(args, "--web-program");
    var webProgram = webProgramIndex >= 0 && webProgramIndex + 1 < args.Length ? Path.GetFullPath(args[webProgramIndex + 1]) : null;
    await ScaleBench.RunAsync(IntOption("--agents", 10), IntOption("--guests", 500), IntOption("--runs", 10), TimeSpan.FromSeconds(IntOption("--settle", 20)), webProgram);
    return;
}

if (args.Contains("--recovery"))
{
    var partsIndex = Array.IndexOf(args, "--parts");
    var parts = partsIndex >= 0 && partsIndex + 1 < args.Length ? args[partsIndex + 1].Split(',') : ["agent", "database", "web", "libvirtd"];
    await RecoveryBench.RunAsync(IntOption("--runs", 3), args.Contains("--libvirtd"), parts);
    return;
}

if (args.Contains("--events"))
{
    await EventBench.RunAsync(IntOption("--guests", 500), IntOption("--runs", 20), IntOption("--burst", 20), IntOption("--burst-runs", 3));
    return;
}

// With --memory it measures the web's and the agent's memory at several inventory sizes (MemoryBench),
// for each --variant (programs and runtime settings, StackVariant) on a fresh stack:
//   dotnet run -c Release --project bench/WebVirt.Bench -- --memory [--guests 10,500,1000] [--settle 30] [--dashboard-only] [--variant "label;web:DOTNET_X=1;agent-program:PATH" ...]
if (args.Contains("--memory"))
{
    var sizesIndex = Array.IndexOf(args, "--guests");
    var sizes = sizesIndex >= 0 && sizesIndex + 1 < args.Length
        ? args[sizesIndex + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList()
        : [10, 500, 1000];
    await MemoryBench.RunAsync(sizes, TimeSpan.FromSeconds(IntOption("--settle", 30)), Variants(), args.Contains("--dashboard-only"));
    return;
}

// With --login-timing it compares unknown-user and wrong-password logins instead (LoginTimingBench):
//   dotnet run -c Release --project bench/WebVirt.Bench -- --login-timing [--runs 200]
if (args.Contains("--login-timing"))
{
    await LoginTimingBench.RunAsync(IntOption("--runs", 200));
    return;
}

if (args.Contains("--usage"))
{
    await UsageBench.RunAsync(IntOption("--guests", 500), IntOption("--runs", 30));
    return;
}

if (args.Contains("--relay"))
{
    await RelayBench.RunAsync(IntOption("--megabytes", 256), IntOption("--pings", 1000), IntOption("--runs", 3), Variants());
    return;
}

var guests = IntOption("--guests", 500);
var runs = IntOption("--runs", 30);
var withBrowser = !args.Contains("--no-browser");
const string uri = "qemu:///system";

// Jumps the table's scroll container to its end, as dragging the scrollbar down does.
const string ScrollTableToEnd = """
    () => {
        const table = document.querySelector("[data-testid='guest-table']");
        const scroller = [table, ...table.querySelectorAll('*')].find(e => e.scrollHeight > e.clientHeight + 1);
        scroller.scrollTop = scroller.scrollHeight;
    }
    """;

Console.WriteLine($"WebVirt inventory benchmark: {guests} defined guests on {uri}, {runs} runs each");
using var bench = new BenchGuests(uri, guests);
Console.WriteLine($"defined {bench.Names.Count} guests ({TestRun.Prefix}bench-*)");

using (var connection = LibvirtConnection.Open(uri))
{
    const DomainStatsTypes stats = DomainStatsTypes.State | DomainStatsTypes.CpuTotal | DomainStatsTypes.Balloon | DomainStatsTypes.Vcpu;
    await Measurements.MeasureAsync("raw virConnectGetAllDomainStats (one call)", 3, runs, () =>
    {
        var records = connection.GetAllDomainStats(stats);
        return records.Count >= guests ? Task.CompletedTask : throw new InvalidOperationException($"only {records.Count} records");
    });
}

await using var stack = await WebVirtStack.StartAsync(uri, "bench", startWeb: withBrowser);
await using (var hub = new HubConnectionBuilder()
    .WithUrl(stack.AgentUrl + IAgentHub.AgentHubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(stack.AgentToken))
    .Build())
{
    await hub.StartAsync();
    var firstRead = System.Diagnostics.Stopwatch.StartNew();
    while ((await hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests))).Count(g => g.Name.StartsWith(TestRun.Prefix, StringComparison.Ordinal)) < guests)
    {
        await Task.Delay(50);
    }

    Console.WriteLine(FormattableString.Invariant($"{"agent start -> inventory of all guests available",-58} {firstRead.Elapsed.TotalMilliseconds,8:F0} ms"));
    await Measurements.MeasureAsync("agent hub GetGuests over SignalR (WebSockets)", 3, runs, async () =>
    {
        var list = await hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests));
        if (list.Count < guests)
        {
            throw new InvalidOperationException($"only {list.Count} guests");
        }
    });
}

if (withBrowser)
{
    var (playwright, browser) = await DebianChromium.LaunchAsync();
    try
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = stack.WebUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        await page.GetByTestId("guest-count").WaitForAsync();
        var expected = guests.ToString(CultureInfo.InvariantCulture);
        await Measurements.MeasureAsync("browser: open dashboard -> all rows loaded (count shown)", 1, Math.Min(runs, 10), async () =>
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByTestId("guest-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"\\b{expected}\\b"), new() { Timeout = 60_000 });
        });
        await Measurements.MeasureAsync("browser: scroll the table to its last row", 1, Math.Min(runs, 10), async () =>
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByTestId("guest-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"\\b{expected}\\b"), new() { Timeout = 60_000 });
            var last = page.GetByTestId($"guest-row-{bench.Names[^1]}");
            await page.EvaluateAsync(ScrollTableToEnd);
            await last.WaitForAsync(new() { Timeout = 30_000 });
        });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-500-guests.png") });
    }
    finally
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}

List<StackVariant> Variants() => args.Select((arg, i) => (arg, i))
    .Where(a => a.arg == "--variant" && a.i + 1 < args.Length)
    .Select(a => StackVariant.Parse(args[a.i + 1]))
    .ToList();

int IntOption(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;
}
