using System.Globalization;
using Microsoft.Playwright;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// The same TCG test guest moved between two libvirt hosts on this machine (the system libvirtd and an
/// extra host from deploy/tests/libvirt-hosts) by `virsh migrate` and by WebVirt from the guest page in
/// Chromium, with the flags the agent uses, interleaved run by run: live with the disk on shared storage (the shared
/// folder a pool on both hosts that the administrator marks shared on the storage page), and offline (a second, shut-off guest). Each tool moves the guest both ways in every round.
/// </summary>
internal static class MigrationBench
{
    private const string SystemUri = "qemu:///system";
    private const string ExtraHost = "v";

    // Notes in the page when the start button is clicked, when the dialog's result first shows (a live guest runs
    // on the destination then, and the task still stops the source's copy) and when the task ended (no status line).
    private const string InstallTiming = """
        () => {
            const m = window.__wvMigration = {};
            document.addEventListener('click', e => {
                if (m.clicked === undefined && e.target.closest("[data-testid='migrate-start']")) m.clicked = performance.now();
            }, { capture: true });
            const check = () => {
                const r = document.querySelector("[data-testid='migrate-result']");
                if (m.clicked !== undefined && m.shown === undefined && r && r.textContent.trim().length > 0) {
                    m.shown = performance.now();
                    m.text = r.textContent.trim();
                }
                if (m.shown !== undefined && m.ended === undefined && !document.querySelector("[data-testid='migrate-status']")) {
                    m.ended = performance.now();
                }
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    // The agent's flags (MigrationService.Run: client-managed virDomainMigrate3, PersistDestination,
    // UndefineSource, Unsafe for shared storage), and the loopback addresses of deploy/tests/libvirt-hosts.
    private static readonly string[] s_liveFlags = ["--live", "--persistent", "--undefinesource", "--unsafe", "--migrateuri", "tcp://127.0.0.1", "--listen-address", "127.0.0.1"];
    private static readonly string[] s_offlineFlags = ["--offline", "--persistent", "--undefinesource", "--unsafe"];

    public static async Task RunAsync(int liveRuns, int offlineRuns)
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            throw new InvalidOperationException($"--migration cannot run here: {reason}");
        }

        var prefix = TestRun.Prefix + "migbench-";
        var shared = Path.Combine(LibvirtHosts.SharedDirectory, prefix + "run");
        var live = prefix + "live";
        var offline = prefix + "offline";
        Console.WriteLine($"WebVirt migration benchmark: {live} (TCG, 256 MiB) live x {liveRuns}, {offline} offline x {offlineRuns}, each way, per tool, between {SystemUri} and host {ExtraHost}");
        await using var hosts = await LibvirtHosts.StartAsync(ExtraHost);
        try
        {
            Directory.CreateDirectory(shared);
            File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
            await TestGuestImages.CopyIntoAsync(shared, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd, TestGuestImages.Disk);
            string liveUuid, offlineUuid;
            using (var a = LibvirtConnection.Open(SystemUri))
            {
                liveUuid = MigrationGuests.Define(a, live, shared);
                offlineUuid = MigrationGuests.Define(a, offline, shared);
                await MigrationGuests.BootAsync(a, live, shared);
            }

            // The stack's own agent is reached without a pinned certificate, so it can be neither end of a
            // migration: both hosts are enrolled agents, each with its QEMU's incoming address on a loopback
            // address of its own (two "hosts" share this machine's loopback; the source agent's tunnel takes 127.0.0.1).
            // Each process logs into a folder of its own, where MigrationPhases reads the steps' lines.
            var logs = Path.Combine(TestArtifacts.Directory, "logs", $"migbench-{DateTime.UtcNow:HHmmss}");
            var phases = new MigrationPhases(Path.Combine(logs, "web"), Path.Combine(logs, "a"), Path.Combine(logs, ExtraHost));
            await using var stack = await WebVirtStack.StartAsync("test:///default", "bench_migration",
                launch: new StackLaunch { WebEnvironment = new Dictionary<string, string> { ["WebVirt__LogDirectory"] = Path.Combine(logs, "web") } });
            await using var agentA = await EnrollableAgent.StartAsync(prefix + "a", SystemUri,
                new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.3", ["LogDirectory"] = Path.Combine(logs, "a") });
            await using var agentV = await EnrollableAgent.StartAsync(prefix + ExtraHost, LibvirtHosts.Uri(ExtraHost),
                new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.2", ["LogDirectory"] = Path.Combine(logs, ExtraHost) });
            // Each agent's CPU over each migration, by its end of it: what the tunnel costs the source and the
            // destination, in a figure the load does not move.
            ProcessCpu cpuA = new([agentA.Process.Pid]), cpuV = new([agentV.Process.Pid]);
            var a2v = new Leg(agentA.HostId, SystemUri, agentV.HostId, LibvirtHosts.Uri(ExtraHost), cpuA, cpuV);
            var v2a = new Leg(agentV.HostId, LibvirtHosts.Uri(ExtraHost), agentA.HostId, LibvirtHosts.SystemUri, cpuV, cpuA);

            var (playwright, browser) = await DebianChromium.LaunchAsync();
            try
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                var page = await context.NewPageAsync();
                await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await HostPages.EnrolAsync(page, agentA);
                await HostPages.EnrolAsync(page, agentV);
                // A migration leaves a disk in place only on a pool marked shared (and refuses one in no pool): the
                // shared folder is such a pool on both hosts, as an NFS export mounted on each would be.
                await HostPages.SharePoolAsync(page, SystemUri, prefix + "shared-a", shared);
                await HostPages.SharePoolAsync(page, LibvirtHosts.Uri(ExtraHost), prefix + "shared-" + ExtraHost, shared);

                var rows = new List<Row>
                {
                    await MeasureAsync(page, phases, "live, shared storage", live, liveUuid, s_liveFlags, liveRuns, a2v, v2a),
                    await MeasureAsync(page, phases, "offline", offline, offlineUuid, s_offlineFlags, offlineRuns, a2v, v2a),
                };
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-migration.png") });
                Print(rows);
            }
            finally
            {
                await browser.CloseAsync();
                playwright.Dispose();
            }
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(SystemUri, prefix: prefix);
            TestGuestCleaner.RemoveRunGuests(LibvirtHosts.Uri(ExtraHost), prefix: prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(SystemUri, prefix);
            await hosts.DisposeAsync();
            if (Directory.Exists(shared))
            {
                Directory.Delete(shared, recursive: true);
            }
        }
    }

    // Per round each tool moves the guest there and back; which tool goes first alternates by round.
    private static async Task<Row> MeasureAsync(IPage page, MigrationPhases phases, string mode, string name, string uuid, string[] flags, int runs, Leg there, Leg back)
    {
        var webvirt = new List<double>();
        var webvirtEnded = new List<double>();
        var virsh = new List<double>();
        var split = new List<double[]>();
        var webvirtStreams = new List<StreamStats>();
        var virshStreams = new List<StreamStats>();
        for (var round = 0; round < runs; round++)
        {
            foreach (var webvirtFirst in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                foreach (var leg in new[] { there, back })
                {
                    var (sourceBefore, destinationBefore) = (leg.SourceCpu.Used(), leg.DestinationCpu.Used());
                    if (webvirtFirst)
                    {
                        var (ms, endedMs, steps) = await WebVirtAsync(page, phases, name, uuid, leg);
                        webvirt.Add(ms);
                        webvirtEnded.Add(endedMs);
                        split.Add(steps);
                    }
                    else
                    {
                        var args = new List<string> { "migrate" };
                        args.AddRange(flags);
                        args.Add(name);
                        args.Add(leg.DestinationUri);
                        virsh.Add((await Virsh.RunAsync(leg.SourceUri, [.. args])).ReturnMs);
                    }

                    var sourceMs = (leg.SourceCpu.Used() - sourceBefore).TotalMilliseconds;
                    var destinationMs = (leg.DestinationCpu.Used() - destinationBefore).TotalMilliseconds;
                    var stats = CheckMoved(name, leg, flags.Contains("--live"));
                    if (stats is { } moved)
                    {
                        (webvirtFirst ? webvirtStreams : virshStreams).Add(moved with { SourceCpuMs = sourceMs, DestinationCpuMs = destinationMs });
                    }

                    // Lets the agents' follow-up reads settle before the next migration is timed.
                    await Task.Delay(1000);
                }
            }

            Console.WriteLine(FormattableString.Invariant($"{mode}, round {round + 1}: WebVirt {string.Join(" ", webvirt.TakeLast(2).Select(ms => $"{ms / 1000:F2}"))} s, virsh {string.Join(" ", virsh.TakeLast(2).Select(ms => $"{ms / 1000:F2}"))} s"));
        }

        return new Row(mode, webvirt, webvirtEnded, virsh, split, webvirtStreams, virshStreams);
    }

    // From the click on the dialog's start button to "… now runs on …" in the dialog, and to the task's end, on the page's clock.
    // With the phases of MigrationPhases, read from the processes' logs.
    private static async Task<(double Ms, double EndedMs, double[] Phases)> WebVirtAsync(IPage page, MigrationPhases phases, string name, string uuid, Leg leg)
    {
        await OpenGuestAsync(page, leg.SourceHostId, uuid);
        await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("migrate-destination")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The dialog takes no choice before it has read the disks (a click on Start then does nothing): as a user
        // reads "it stays in place" before starting.
        await Assertions.Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync("it stays in place", new() { Timeout = 60_000 });
        await page.EvaluateAsync(InstallTiming);
        phases.Mark();
        await page.GetByTestId("migrate-start").ClickAsync(new() { Timeout = 30_000 });
        try
        {
            await page.WaitForFunctionAsync("() => window.__wvMigration.ended !== undefined", null, new PageWaitForFunctionOptions { Timeout = 180_000 });
        }
        catch (TimeoutException)
        {
            // No result: what the dialog shows instead (a refusal of the choices, a migration still under way).
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "FAILED-bench-migration.png") });
            throw new InvalidOperationException($"WebVirt showed no result for {name} from {leg.SourceHostId} to {leg.DestinationHostId} within 3 minutes; the dialog: {await page.GetByTestId("migrate-dialog").InnerTextAsync()}");
        }

        var text = await page.EvaluateAsync<string>("() => window.__wvMigration.text");
        if (!text.Contains("now runs on", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"WebVirt did not move {name} from {leg.SourceHostId} to {leg.DestinationHostId}: {text}");
        }

        var times = await page.EvaluateAsync<double[]>("() => [window.__wvMigration.clicked, window.__wvMigration.shown, window.__wvMigration.ended, performance.timeOrigin]");
        var origin = times[3];
        return (times[1] - times[0], times[2] - times[0], await phases.ReadAsync(name, origin + times[0], origin + times[1], origin + times[2]));
    }

    // After a virsh migration the console learns the new place from the agents' events: the page is
    // opened again until the guest is there with its migrate button.
    private static async Task OpenGuestAsync(IPage page, string hostId, string uuid)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.GotoAsync($"/guests/{hostId}/{uuid}");
            try
            {
                await Assertions.Expect(page.GetByTestId("guest-migrate")).ToBeEnabledAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
            }
        }
    }

    // Also what QEMU's stream did, from the destination's record of the completed job (live only):
    // the same figures for both tools show whether WebVirt's extra time is in the stream or around it.
    private static StreamStats? CheckMoved(string name, Leg leg, bool running)
    {
        StreamStats? stream = null;
        using (var destination = LibvirtConnection.Open(leg.DestinationUri))
        using (var domain = destination.LookupDomainByName(name))
        {
            var state = domain.GetState().State;
            if (running ? state != DomainState.Running : state != DomainState.Shutoff || !domain.IsPersistent())
            {
                throw new InvalidOperationException($"{name} is {state} on {leg.DestinationHostId} after the migration");
            }

            if (running && domain.GetJobStats(completed: true) is { TimeElapsedMs: { } elapsed, DataProcessed: { } bytes } job)
            {
                stream = new StreamStats(elapsed, bytes, job.DowntimeMs ?? 0, job.MemoryIteration ?? 0, 0, 0);
            }
        }

        using var source = LibvirtConnection.Open(leg.SourceUri);
        try
        {
            source.LookupDomainByName(name).Dispose();
            throw new InvalidOperationException($"{name} is still defined on {leg.SourceHostId} after the migration");
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }

        return stream;
    }

    private static void Print(IEnumerable<Row> rows)
    {
        Console.WriteLine();
        // "WebVirt": click → the page says the guest runs on the destination (the issue's measure); "task end": → the
        // task ended too (the source's QEMU stopped, which virsh's own time includes).
        Console.WriteLine($"{"migration",-22} {"n",3}  {"WebVirt p50 / p95 s",-20} {"task end p50 / p95 s",-21} {"virsh p50 / p95 s",-20} {"WebVirt/virsh p50",-18} {"p95",-6} {"task end/virsh p50",-19} (goal: within 1.2x)");
        foreach (var row in rows)
        {
            double w50 = Percentile(row.WebVirt, 0.5), w95 = Percentile(row.WebVirt, 0.95), v50 = Percentile(row.Virsh, 0.5), v95 = Percentile(row.Virsh, 0.95);
            double e50 = Percentile(row.WebVirtEnded, 0.5), e95 = Percentile(row.WebVirtEnded, 0.95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Mode,-22} {row.WebVirt.Count,3}  {w50 / 1000,8:F2} / {w95 / 1000,-9:F2} {e50 / 1000,8:F2} / {e95 / 1000,-10:F2} {v50 / 1000,8:F2} / {v95 / 1000,-9:F2} {w50 / v50,10:F2}x        {w95 / v95,5:F2}x {e50 / v50,10:F2}x"));
        }

        // Where WebVirt's time went: each phase's median over the runs (web and agent logs, page clock).
        Console.WriteLine();
        Console.WriteLine($"{"WebVirt phases, p50 ms",-22} " + string.Join(" ", MigrationPhases.Names.Select(n => $"{n,17}")));
        foreach (var row in rows)
        {
            var medians = Enumerable.Range(0, MigrationPhases.Names.Length)
                .Select(i => row.Phases.Select(p => p[i]).Where(ms => !double.IsNaN(ms)).ToList())
                .Select(ms => ms.Count == 0 ? "-" : Percentile(ms, 0.5).ToString("F0", CultureInfo.InvariantCulture));
            Console.WriteLine($"{row.Mode,-22} " + string.Join(" ", medians.Select(m => $"{m,17}")));
        }

        // QEMU's stream as the destination's completed job records it: elapsed from the job's start on the
        // source to the guest running on the destination, bytes sent, their rate, downtime, memory passes.
        Console.WriteLine();
        Console.WriteLine($"{"stream, p50",-22} {"tool",-8} {"n",3} {"job ms",8} {"MB",8} {"MB/s",8} {"downtime ms",12} {"passes",7} {"source CPU ms",14} {"dest. CPU ms",13} {"both ms/MB",11}");
        foreach (var row in rows)
        {
            foreach (var (tool, streams) in new[] { ("WebVirt", row.WebVirtStreams), ("virsh", row.VirshStreams) })
            {
                if (streams.Count == 0)
                {
                    continue;
                }

                double P(Func<StreamStats, double> f) => Percentile([.. streams.Select(f)], 0.5);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{row.Mode,-22} {tool,-8} {streams.Count,3} {P(s => s.ElapsedMs),8:F0} {P(s => s.Bytes / 1e6),8:F1} {P(s => s.Bytes / 1e3 / Math.Max(1, s.ElapsedMs)),8:F1} {P(s => s.DowntimeMs),12:F0} {P(s => s.Passes),7:F0} {P(s => s.SourceCpuMs),14:F0} {P(s => s.DestinationCpuMs),13:F0} {P(s => (s.SourceCpuMs + s.DestinationCpuMs) / (s.Bytes / 1e6)),11:F2}"));
            }
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Ceiling(sorted.Count * p) - 1, 0, sorted.Count - 1)];
    }

    private sealed record Leg(string SourceHostId, string SourceUri, string DestinationHostId, string DestinationUri, ProcessCpu SourceCpu, ProcessCpu DestinationCpu);

    private sealed record Row(string Mode, List<double> WebVirt, List<double> WebVirtEnded, List<double> Virsh, List<double[]> Phases, List<StreamStats> WebVirtStreams, List<StreamStats> VirshStreams);

    // Each agent's CPU over the whole migration (for virsh's, what the agents did meanwhile: events, polls).
    private sealed record StreamStats(double ElapsedMs, double Bytes, double DowntimeMs, double Passes, double SourceCpuMs, double DestinationCpuMs);
}
