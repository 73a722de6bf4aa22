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

    public static async Task RunAsync(int agents, int guestsPerAgent, int runs, TimeSpan settle)
    {
        var total = agents * guestsPerAgent;
        Console.WriteLine($"WebVirt scale benchmark: {agents} agents x {guestsPerAgent} test-driver guests = {total} (every fourth running), one web, Chromium, {runs} runs");
        using var files = new ScaleHostFiles(agents, guestsPerAgent);
        await using var stack = await WebVirtStack.StartAsync("test://" + files.Files[0], "bench_scale");
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

                var loads = new List<double>();
                for (var i = 0; i < runs; i++)
                {
                    loads.Add(await ColdLoadAsync(browser, options, storage, total));
                }

                var (pause, resume) = await EventsAsync(stack, page, files, runs);
                await page.GotoAsync("/");
                await page.WaitForFunctionAsync(CountReachedAt, total, new PageWaitForFunctionOptions { Timeout = 120_000 });
                await Task.Delay(settle);
                var web = ProcessMemory.Read(stack.Web.Pid);
                var agent0 = ProcessMemory.Read(stack.Agent.Pid);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-scale.png") });
                Print(agents, total, loads, pause, resume, web, agent0, settle);
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
    private static async Task<double> ColdLoadAsync(IBrowser browser, BrowserNewContextOptions options, string storage, int total)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions(options) { StorageState = storage });
        try
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            var reached = await page.WaitForFunctionAsync(CountReachedAt, total, new PageWaitForFunctionOptions { Timeout = 120_000 });
            return await reached.JsonValueAsync<double>();
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

    private static void Print(int agents, int total, List<double> loads, List<double> pause, List<double> resume, ProcessMemory web, ProcessMemory agent, TimeSpan settle)
    {
        Console.WriteLine();
        Console.WriteLine($"{agents} agents, {total} guests {"",-48} {"n",3} {"min",8} {"p50",8} {"p95",8} {"max",8}  goal");
        Line("dashboard, new tab: navigation -> all guests counted (ms)", loads, "< 2000");
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

    private static string Cells(ProcessMemory m) =>
        string.Create(CultureInfo.InvariantCulture, $"{m.RssAnonKiB / 1024.0,6:F1} {m.RssFileKiB / 1024.0,6:F1} {m.RssShmemKiB / 1024.0,6:F1} {m.RssKiB / 1024.0,6:F1} {m.PssKiB / 1024.0,6:F1}");
}
