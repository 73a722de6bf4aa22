using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// Seconds from each part's return to an open guest page that shows fresh pushed state. Each part
/// is taken away and brought back <c>runs</c> times while Chromium has the guest page open; its
/// "return" is the moment it is ready again (the agent's /healthz, PostgreSQL accepting
/// connections, the web's login page, libvirtd answering virsh). Right then the guest is redefined
/// with other memory, so libvirt pushes a change through the agent; the page is fresh when it shows
/// that memory and no stale mark or outage banner. The database is a server of the benchmark's own
/// (the shared cluster is never stopped); libvirtd, the host's daemon, only with --libvirtd.
/// </summary>
internal static class RecoveryBench
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    private const string Marked = "document.querySelector(\"[data-testid=agent-stale], [data-testid=database-banner], [data-testid=outage-page]\") !== null";

    public static async Task RunAsync(int runs, bool withLibvirtd, IReadOnlyCollection<string> parts)
    {
        Console.WriteLine($"WebVirt recovery benchmark: {runs} runs per part, page polled every {Poll.TotalMilliseconds:0} ms");
        var name = TestRun.GuestName("recovery");
        var runDirectory = TestGuestImages.CreateRunDirectory();
        var rows = new List<(string Part, List<double> NotStale, List<double> Fresh)>();
        var agentPhases = new List<double[]>();
        var agentCpu = new List<(double Listening, double Ready)>();
        try
        {
            await TestGuestImages.CopyIntoAsync(runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
            var xml = TestGuestDomainXml.DirectKernelBoot(name, runDirectory);
            string uuid;
            using (var connection = LibvirtConnection.Open(Uri))
            using (var domain = connection.DefineDomainXml(xml))
            {
                uuid = domain.Uuid;
            }

            await using var postgres = await PrivatePostgres.StartAsync();
            await using var stack = await WebVirtStack.StartAsync(Uri, "recovery", databaseServer: postgres.Server);
            var (playwright, browser) = await DebianChromium.LaunchAsync();
            try
            {
                var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = stack.WebUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GetByTestId("guest-filter").WaitForAsync();
                await page.GotoAsync($"/guests/{stack.HostId}/{uuid}");
                var memory = 256;
                await WaitAsync(page, FreshScript(memory), TimeSpan.FromSeconds(60));

                AgentRestartPhases? phases = null;
                var all = new (string Part, Func<Task> Down, Func<Task> Up)[]
                {
                    ("agent", () => { stack.Agent.KillHard(); return Task.CompletedTask; }, async () => phases = await AgentRestartPhases.RestartAsync(stack, Poll)),
                    ("database", postgres.StopServerAsync, postgres.StartServerAsync),
                    ("web", () => { stack.Web.KillHard(); return Task.CompletedTask; }, () => stack.RestartWebAsync(Poll)),
                    ("libvirtd", () => Task.CompletedTask, () => LibvirtDaemon.RestartAsync(TimeSpan.FromSeconds(60))),
                };
                foreach (var (part, down, up) in all.Where(p => parts.Contains(p.Part) && (p.Part != "libvirtd" || withLibvirtd)))
                {
                    var notStale = new List<double>(runs);
                    var fresh = new List<double>(runs);
                    for (var run = 0; run < runs; run++)
                    {
                        Console.WriteLine($"  {part} run {run + 1}: taking it away for {Outage.TotalSeconds:0} s");
                        await down();
                        await Task.Delay(Outage);
                        phases = null;
                        await up();
                        var returned = phases?.Ready ?? Stopwatch.GetTimestamp();
                        memory = memory == 256 ? 192 : 256;
                        Redefine(xml, uuid, memory);
                        try
                        {
                            await WaitAsync(page, "!(" + Marked + ")", TimeSpan.FromSeconds(120));
                            var notStaleAt = Stopwatch.GetTimestamp();
                            notStale.Add(Stopwatch.GetElapsedTime(returned, notStaleAt).TotalSeconds);
                            await WaitAsync(page, FreshScript(memory), TimeSpan.FromSeconds(120));
                            var freshAt = Stopwatch.GetTimestamp();
                            fresh.Add(Stopwatch.GetElapsedTime(returned, freshAt).TotalSeconds);
                            if (phases is not null)
                            {
                                agentPhases.Add(await PhaseSecondsAsync(phases, notStaleAt, freshAt));
                                agentCpu.Add((phases.CpuListening.TotalSeconds, phases.CpuReady.TotalSeconds));
                                Console.WriteLine("  agent phases (s from spawn): " + string.Join(", ", AgentPhaseNames.Zip(agentPhases[^1], (n, v) => FormattableString.Invariant($"{n} {v:F2}"))));
                            }
                        }
                        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
                        {
                            var shot = TestArtifacts.PathFor("screenshots", $"FAILED-recovery-{part}.png");
                            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot });
                            throw new InvalidOperationException($"{part} run {run + 1}: the page ({page.Url}) did not become fresh; see {shot}", ex);
                        }
                        Console.WriteLine(FormattableString.Invariant($"  {part} run {run + 1}: not stale after {notStale[^1],6:F2} s, fresh push shown after {fresh[^1],6:F2} s"));
                        // Settle before the next fault, so one run's tail is not the next one's start.
                        await Task.Delay(TimeSpan.FromSeconds(2));
                    }

                    rows.Add((part, notStale, fresh));
                }
            }
            finally
            {
                await browser.CloseAsync();
                playwright.Dispose();
            }
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(Uri, prefix: name);
            Directory.Delete(runDirectory, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine($"{"part",-10} {"runs",4}  {"no stale mark: median",22} {"max",7}  {"fresh push shown: median",25} {"max",7}");
        foreach (var (part, notStale, fresh) in rows)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{part,-10} {notStale.Count,4}  {Median(notStale),20:F2} s {notStale.Max(),5:F2} s  {Median(fresh),23:F2} s {fresh.Max(),5:F2} s"));
        }

        if (agentPhases.Count > 0)
        {
            PrintAgentPhases(agentPhases);
            Console.WriteLine(FormattableString.Invariant(
                $"  agent CPU time (user + system), median: {Median([.. agentCpu.Select(c => c.Listening)]):F2} s until its port accepts, {Median([.. agentCpu.Select(c => c.Ready)]):F2} s until healthz"));
        }

        Console.WriteLine($"machine load at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
    }

    private static readonly string[] AgentPhaseNames = ["port accepts", "healthz libvirt", "first inventory read", "web reconnected", "no stale mark", "fresh push shown"];

    /// <summary>Each phase of an agent's return in seconds from its spawn: <see cref="AgentPhaseNames"/>.</summary>
    private static async Task<double[]> PhaseSecondsAsync(AgentRestartPhases phases, long notStaleAt, long freshAt)
    {
        var firstRead = await phases.FirstRead;
        var reconnected = await phases.WebReconnected;
        return [.. new[] { phases.Listening, phases.Ready, firstRead, reconnected, notStaleAt, freshAt }.Select(at => AgentRestartPhases.Seconds(phases.Spawned, at))];
    }

    /// <summary>The agent's phases: median seconds from its spawn and from its port accepting connections, and the median step from the phase before.</summary>
    private static void PrintAgentPhases(List<double[]> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"agent return, {runs.Count} runs (median s) {"from spawn",12} {"from port",10} {"step",7}");
        for (var i = 0; i < AgentPhaseNames.Length; i++)
        {
            var fromSpawn = Median([.. runs.Select(r => r[i])]);
            var fromPort = Median([.. runs.Select(r => r[i] - r[0])]);
            var step = Median([.. runs.Select(r => i == 0 ? r[0] : r[i] - r[i - 1])]);
            Console.WriteLine(FormattableString.Invariant($"  {AgentPhaseNames[i],-32} {fromSpawn,12:F2} {fromPort,10:F2} {step,7:F2}"));
        }
    }

    private static string FreshScript(int memoryMiB) =>
        $"!({Marked}) && document.body.innerText.includes('{memoryMiB.ToString(CultureInfo.InvariantCulture)} MiB (maximum {memoryMiB.ToString(CultureInfo.InvariantCulture)} MiB)')";

    private static async Task WaitAsync(IPage page, string script, TimeSpan timeout)
    {
        // A page that reloads itself (after the web's return) destroys the context being polled; poll the new one.
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await page.WaitForFunctionAsync("() => " + script, null, new PageWaitForFunctionOptions { PollingInterval = (float)Poll.TotalMilliseconds, Timeout = (float)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds) });
                return;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Poll);
            }
        }
    }

    private static void Redefine(string xml, string uuid, int memoryMiB)
    {
        var document = XDocument.Parse(xml);
        document.Root!.Element("memory")!.Value = memoryMiB.ToString(CultureInfo.InvariantCulture);
        document.Root!.Element("uuid")?.Remove();
        document.Root!.AddFirst(new XElement("uuid", uuid));
        using var connection = LibvirtConnection.Open(Uri);
        using var domain = connection.DefineDomainXml(document.ToString());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
