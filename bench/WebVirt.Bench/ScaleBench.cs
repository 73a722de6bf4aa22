using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// One web console with many agents, each on libvirt's test driver with its own file of guests: how soon
/// a fresh tab shows every guest, how soon a state change on a host is on screen, and the web's memory.
/// The first agent is the stack's own (token); the others are enrolled through the hosts page.
/// </summary>
internal static class ScaleBench
{
    // performance.now() (from the navigation's start) once the count's total reaches n, else false.
    private const string CountReachedAt = """
        n => {
            const cell = document.querySelector("[data-testid='guest-count']");
            if (!cell || cell.dataset.loading) return false;
            const numbers = cell.textContent.match(/\d+/g);
            return numbers !== null && Number(numbers[numbers.length - 1]) >= n ? performance.now() : false;
        }
        """;

    // Where a new tab's time goes, from the navigation's start (ms): the page's HTML, blazor.web.js, the
    // circuit's negotiation (its start), the first guest row in the DOM (the circuit's rows after Virtualize
    // measured the table). Installed before the page's own scripts, so the first row is seen when it arrives.
    private const string WatchFirstRow = """
        (() => {
            window.__wvFirstRow = 0;
            const seen = () => {
                if (!window.__wvFirstRow && document.querySelector("[data-testid^='guest-row-']")) window.__wvFirstRow = performance.now();
            };
            new MutationObserver(seen).observe(document, { subtree: true, childList: true });
        })();
        """;

    private const string Phases = """
        () => {
            const nav = performance.getEntriesByType('navigation')[0];
            const resource = part => performance.getEntriesByType('resource').find(e => e.name.includes(part));
            return [nav.responseEnd, resource('blazor.web.js')?.responseEnd ?? 0, resource('_blazor/negotiate')?.startTime ?? 0, window.__wvFirstRow];
        }
        """;

    public static async Task RunAsync(int agents, int guestsPerAgent, int runs, TimeSpan settle, string? webProgram = null)
    {
        var total = agents * guestsPerAgent;
        Console.WriteLine($"WebVirt scale benchmark: {agents} agents x {guestsPerAgent} test-driver guests = {total} (every fourth running), one web, Chromium, {runs} runs");
        using var files = new ScaleHostFiles(agents, guestsPerAgent);
        await using var stack = await WebVirtStack.StartAsync("test://" + files.Files[0], "bench_scale", launch: new StackLaunch(WebProgram: webProgram));
        Console.WriteLine($"web: {webProgram ?? "the build output"}");
        var enrolled = new List<EnrollableAgent>();
        try
        {
            // One after the other: started together on a small, busy machine they miss their start-up deadline.
            for (var i = 1; i < files.Files.Count; i++)
            {
                enrolled.Add(await EnrollableAgent.StartAsync($"{TestRun.Prefix}scale-{i:D2}", "test://" + files.Files[i]));
            }

            var (playwright, browser) = await DebianChromium.LaunchAsync();
            try
            {
                var options = new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } };
                var admin = await browser.NewContextAsync(options);
                var page = await admin.NewPageAsync();
                await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                var enrolment = Stopwatch.StartNew();
                foreach (var agent in enrolled)
                {
                    await HostPages.EnrolAsync(page, agent);
                }

                Console.WriteLine(FormattableString.Invariant($"enrolled {enrolled.Count} hosts through the hosts page in {enrolment.Elapsed.TotalSeconds:F1} s"));
                var inventory = Stopwatch.StartNew();
                await page.GotoAsync("/");
                await page.WaitForFunctionAsync(CountReachedAt, total, new PageWaitForFunctionOptions { Timeout = 300_000 });
                Console.WriteLine(FormattableString.Invariant($"every guest of every host listed {inventory.Elapsed.TotalSeconds:F1} s after the last enrolment"));
                var storage = await admin.StorageStateAsync();

                var loads = new List<ColdLoad>();
                var webCpu = new ProcessCpu([stack.Web.Pid]);
                for (var i = 0; i < runs; i++)
                {
                    loads.Add(await ColdLoadAsync(browser, options, storage, total, webCpu));
                }

                // What the web spends with no new tab (the open tab, ten agents' pushes), to read the per-tab CPU against.
                var idleBefore = webCpu.Used();
                await Task.Delay(TimeSpan.FromSeconds(5));
                var idlePerSecond = (webCpu.Used() - idleBefore).TotalMilliseconds / 5;

                var (pause, resume) = await EventsAsync(stack, page, files, runs);
                await page.GotoAsync("/");
                await page.WaitForFunctionAsync(CountReachedAt, total, new PageWaitForFunctionOptions { Timeout = 120_000 });
                await Task.Delay(settle);
                var web = ProcessMemory.Read(stack.Web.Pid);
                var agent0 = ProcessMemory.Read(stack.Agent.Pid);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-scale.png") });
                Print(agents, total, loads, idlePerSecond, pause, resume, web, agent0, settle);
            }
            finally
            {
                await browser.CloseAsync();
                playwright.Dispose();
            }
        }
        finally
        {
            foreach (var agent in enrolled)
            {
                await agent.DisposeAsync();
            }
        }
    }

    // A new tab in a context of its own (no cache, no circuit) with the admin's session cookie: from the
    // navigation's start until the count says every guest is listed (the table virtualizes its rows).
    // The web's CPU time (user + system) from the navigation until the count is reached is read beside the
    // wall time: the machine is shared, so wall times swing with others' work, the CPU a new tab costs does not.
    private static async Task<ColdLoad> ColdLoadAsync(IBrowser browser, BrowserNewContextOptions options, string storage, int total, ProcessCpu webCpu)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions(options) { StorageState = storage });
        try
        {
            await context.AddInitScriptAsync(WatchFirstRow);
            var page = await context.NewPageAsync();
            var cpuBefore = webCpu.Used();
            await page.GotoAsync("/");
            var reached = await page.WaitForFunctionAsync(CountReachedAt, total, new PageWaitForFunctionOptions { Timeout = 120_000 });
            var cpu = webCpu.Used() - cpuBefore;
            var phases = await page.EvaluateAsync<double[]>(Phases);
            return new ColdLoad(await reached.JsonValueAsync<double>(), cpu.TotalMilliseconds, phases[0], phases[1], phases[2], phases[3]);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    // Pauses and resumes the first agent's first guest (the dashboard's first row, all 5,000 listed,
    // no filter) through that agent's own hub, as the web's gateway does: from the call until the
    // row's state cell shows the new word (MutationObserver, wall clock).
    private static async Task<(List<double> Pause, List<double> Resume)> EventsAsync(WebVirtStack stack, IPage page, ScaleHostFiles files, int runs)
    {
        var name = ScaleHostFiles.Name(0, 0);
        await Assertions.Expect(page.GetByTestId($"guest-state-{name}")).ToHaveTextAsync("Running", new() { Timeout = 60_000 });
        await page.EvaluateAsync(EventBench.InstallWatch);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(stack.AgentUrl + IAgentHub.AgentHubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(stack.AgentToken))
            .Build();
        await hub.StartAsync();
        var pause = new List<double>();
        var resume = new List<double>();
        for (var i = 0; i <= runs; i++)
        {
            foreach (var (action, shown, samples) in new[] { (GuestAction.Pause, "Paused", pause), (GuestAction.Resume, "Running", resume) })
            {
                await page.EvaluateAsync(EventBench.Watch, new Dictionary<string, string> { [name] = shown });
                var called = Virsh.NowEpochMs();
                var result = await hub.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), files.FirstGuestUuid, action);
                if (!result.Ok)
                {
                    throw new InvalidOperationException($"{action} of {name} failed: {result.Error}");
                }

                await page.WaitForFunctionAsync(EventBench.AllSeen, 1, new PageWaitForFunctionOptions { Timeout = 60_000 });
                var seen = await page.EvaluateAsync<Dictionary<string, double>>(EventBench.Seen);
                // The first pair warms up.
                if (i > 0)
                {
                    samples.Add(seen[name] - called);
                }

                await Task.Delay(300);
            }
        }

        return (pause, resume);
    }

    private static void Print(int agents, int total, List<ColdLoad> loads, double idleCpuPerSecond, List<double> pause, List<double> resume, ProcessMemory web, ProcessMemory agent, TimeSpan settle)
    {
        Console.WriteLine();
        Console.WriteLine($"{agents} agents, {total} guests {"",-48} {"n",3} {"min",8} {"p50",8} {"p95",8} {"max",8}  goal");
        Line("dashboard, new tab: navigation -> all guests counted (ms)", [.. loads.Select(l => l.Counted)], "< 2000");
        Line("  of which: navigation -> page's HTML received (ms)", [.. loads.Select(l => l.Html)], "");
        Line("  navigation -> blazor.web.js received (ms)", [.. loads.Select(l => l.Script)], "");
        Line("  navigation -> circuit's negotiation starts (ms)", [.. loads.Select(l => l.Negotiate)], "");
        Line("  navigation -> first guest row in the DOM (ms)", [.. loads.Select(l => l.FirstRow)], "");
        Line("  web CPU (user + system) during the load (ms)", [.. loads.Select(l => l.WebCpu)], "");
        Line("  web CPU without a new tab over as long as the median load (ms)", [idleCpuPerSecond * Median(loads.Select(l => l.Counted)) / 1000], "");
        Line("pause first guest: hub call -> row shows Paused (ms)", pause, "< 100");
        Line("resume it: hub call -> row shows Running (ms)", resume, "< 100");
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"memory after the dashboard was open {settle.TotalSeconds:F0} s (MiB)   anon   file  shmem    RSS    PSS"));
        Console.WriteLine(FormattableString.Invariant($"{"web",-52} {Cells(web)}"));
        Console.WriteLine(FormattableString.Invariant($"{"first agent (" + (total / agents) + " guests)",-52} {Cells(agent)}"));
    }

    private static void Line(string name, List<double> values, string goal)
    {
        var sorted = values.Order().ToList();
        double P(double p) => sorted[(int)Math.Clamp(Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
        Console.WriteLine(FormattableString.Invariant($"{name,-72} {sorted.Count,3} {sorted[0],8:F0} {P(0.5),8:F0} {P(0.95),8:F0} {sorted[^1],8:F0}  {goal}"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }

    private sealed record ColdLoad(double Counted, double WebCpu, double Html, double Script, double Negotiate, double FirstRow);

    private static string Cells(ProcessMemory m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.RssAnonKiB / 1024.0,6:F1} {m.RssFileKiB / 1024.0,6:F1} {m.RssShmemKiB / 1024.0,6:F1} {m.RssKiB / 1024.0,6:F1} {m.PssKiB / 1024.0,6:F1}");
}
