using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;
using WebVirt.Contracts;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// The soak benchmark (--soak): a stack on a libvirt test-driver file of many guests, the dashboard
/// open in Chromium, an event every second (a guest paused or resumed through the agent's hub), the
/// page reloaded every minute and a console opened and closed every few minutes (its display is a
/// real TCG guest's VNC server). The web's and the agent's memory is sampled every minute; the goal
/// is memory at the end within 10 % of memory after the first ten minutes. Stops early, with the
/// samples so far, on SIGINT or SIGTERM; everything it made is removed in both cases.
/// </summary>
internal static class SoakBench
{
    private const string SystemUri = "qemu:///system";
    private const int ConsoleEveryMinutes = 5;
    private static readonly TimeSpan ConsoleHeld = TimeSpan.FromSeconds(20);

    // Counts, in the page, each time one of the event guests' state cells turns to "Paused":
    // proof that the events reach the screen, read once a minute before the reload resets it.
    private const string InstallPauseCounter = """
        names => {
            const w = window.__wvSoak = { paused: 0, last: {} };
            const check = () => {
                for (const name of names) {
                    const cell = document.querySelector(`[data-testid='guest-state-${name}']`);
                    const text = cell ? cell.textContent.trim() : null;
                    if (text !== null && text !== w.last[name]) {
                        if (text === 'Paused' && w.last[name] !== undefined) w.paused++;
                        w.last[name] = text;
                    }
                }
            };
            check();
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    public static async Task RunAsync(int minutes, int guests, CancellationToken stop)
    {
        Console.WriteLine($"WebVirt soak benchmark: {minutes} min, {guests} test-driver guests, an event every second, a reload every minute, a console every {ConsoleEveryMinutes} min");
        await using var display = await EventGuests.DefineAsync(SystemUri, 1);
        await Virsh.RunAsync(SystemUri, "start", display.Names[0]);
        using var files = new ScaleHostFiles(1, guests, VncPort(display.Names[0]));
        // Running guests near the top of the list (on screen), other than the console's guest.
        var eventGuests = Enumerable.Range(1, 4).Select(i => i * 4).Where(i => i < guests).ToList();
        var eventNames = eventGuests.Select(i => ScaleHostFiles.Name(0, i)).ToList();
        await using var stack = await WebVirtStack.StartAsync("test://" + files.Files[0], "bench_soak");
        Console.WriteLine($"web pid {stack.Web.Pid}, agent pid {stack.Agent.Pid}");
        await using var hub = new HubConnectionBuilder()
            .WithUrl(stack.AgentUrl + IAgentHub.AgentHubPath, o => o.AccessTokenProvider = () => Task.FromResult<string?>(stack.AgentToken))
            .Build();
        await hub.StartAsync(stop);
        var uuids = await GuestUuidsAsync(hub, eventNames);

        var samples = new List<SoakSample>();
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        using var events = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var counters = new EventCounters();
        Task? eventLoop = null;
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, ViewportSize = new ViewportSize { Width = 1440, Height = 1200 } });
            var page = await context.NewPageAsync();
            await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await LoadDashboardAsync(page, guests, eventNames, stop);

            eventLoop = EventLoopAsync(hub, uuids, counters, events.Token);
            var started = Stopwatch.StartNew();
            using var everyMinute = new PeriodicTimer(TimeSpan.FromMinutes(1));
            for (var minute = 1; minute <= minutes && await everyMinute.WaitForNextTickAsync(stop); minute++)
            {
                var paused = await page.EvaluateAsync<int>("() => window.__wvSoak.paused").WaitAsync(stop);
                var sample = new SoakSample(minute, ProcessMemory.Read(stack.Web.Pid), ProcessMemory.Read(stack.Agent.Pid));
                samples.Add(sample);
                var (acted, failed) = counters.TakeMinute();
                Console.WriteLine(FormattableString.Invariant(
                    $"{DateTime.UtcNow:HH:mm:ss} min {minute,3}: web RSS {MemoryBench.Mib(sample.Web.RssKiB)} PSS {MemoryBench.Mib(sample.Web.PssKiB)}, agent RSS {MemoryBench.Mib(sample.Agent.RssKiB)} PSS {MemoryBench.Mib(sample.Agent.PssKiB)} MiB; {acted} events ({failed} failed), page showed {paused} pauses"));
                if (acted > 10 && paused == 0)
                {
                    throw new InvalidOperationException($"The page showed none of the {acted} events of minute {minute}.");
                }

                if (minute == minutes)
                {
                    break;
                }

                await LoadDashboardAsync(page, guests, eventNames, stop);
                if (minute % ConsoleEveryMinutes == 2)
                {
                    await OpenConsoleAsync(context, stack, files.FirstGuestUuid, stop);
                }
            }

            Console.WriteLine(FormattableString.Invariant($"ran {started.Elapsed.TotalMinutes:F1} min, {counters.Total} events, {counters.TotalFailed} failed"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = TestArtifacts.PathFor("screenshots", "bench-soak.png") });
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            Console.WriteLine("stopped by a signal: the samples so far follow, then everything is removed");
        }
        finally
        {
            await events.CancelAsync();
            if (eventLoop is not null)
            {
                await eventLoop;
            }

            await browser.CloseAsync();
            playwright.Dispose();
            SoakReport.Print(samples);
        }
    }

    private static int VncPort(string name)
    {
        using var connection = LibvirtConnection.Open(SystemUri);
        using var domain = connection.LookupDomainByName(name);
        var graphics = XDocument.Parse(domain.GetXmlDesc()).Descendants("graphics").First(g => (string?)g.Attribute("type") == "vnc");
        return int.Parse((string)graphics.Attribute("port")!, CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> GuestUuidsAsync(HubConnection hub, IReadOnlyList<string> names)
    {
        var all = await hub.InvokeAsync<IReadOnlyList<GuestInfo>>(nameof(IAgentHub.GetGuests));
        return names.Select(name => all.First(g => g.Name == name).Uuid).ToList();
    }

    // One action a second: pause a guest, resume it the next second, then the next guest.
    private static async Task EventLoopAsync(HubConnection hub, IReadOnlyList<string> uuids, EventCounters counters, CancellationToken stop)
    {
        using var everySecond = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            for (long tick = 0; await everySecond.WaitForNextTickAsync(stop); tick++)
            {
                var uuid = uuids[(int)(tick / 2 % uuids.Count)];
                var action = tick % 2 == 0 ? GuestAction.Pause : GuestAction.Resume;
                var result = await hub.InvokeAsync<ActionResult>(nameof(IAgentHub.Act), uuid, action, stop);
                counters.Add(result.Ok);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The soak is over.
        }
    }

    private static async Task LoadDashboardAsync(IPage page, int guests, IReadOnlyList<string> eventNames, CancellationToken stop)
    {
        await page.GotoAsync("/").WaitAsync(stop);
        await page.WaitForFunctionAsync(MemoryBench.CountReached, guests, new PageWaitForFunctionOptions { Timeout = 180_000 }).WaitAsync(stop);
        await page.EvaluateAsync(InstallPauseCounter, eventNames).WaitAsync(stop);
    }

    // A second tab on the console page until noVNC is connected and for a while after, then closed.
    private static async Task OpenConsoleAsync(IBrowserContext context, WebVirtStack stack, string uuid, CancellationToken stop)
    {
        var console = await context.NewPageAsync();
        try
        {
            var opened = Stopwatch.StartNew();
            await console.GotoAsync($"/guests/{stack.HostId}/{uuid}/console").WaitAsync(stop);
            await Assertions.Expect(console.GetByTestId("console-state")).ToHaveAttributeAsync("data-state", "connected", new() { Timeout = 60_000 }).WaitAsync(stop);
            await Assertions.Expect(console.GetByTestId("console-screen").Locator("canvas")).ToBeVisibleAsync().WaitAsync(stop);
            Console.WriteLine(FormattableString.Invariant($"{DateTime.UtcNow:HH:mm:ss} console connected after {opened.Elapsed.TotalSeconds:F1} s"));
            await Task.Delay(ConsoleHeld, stop);
        }
        finally
        {
            await console.CloseAsync();
        }
    }

    private sealed class EventCounters
    {
        private readonly Lock _lock = new();
        private int _minute;
        private int _minuteFailed;

        public long Total { get; private set; }

        public long TotalFailed { get; private set; }

        public void Add(bool ok)
        {
            lock (_lock)
            {
                _minute++;
                Total++;
                if (!ok)
                {
                    _minuteFailed++;
                    TotalFailed++;
                }
            }
        }

        public (int Acted, int Failed) TakeMinute()
        {
            lock (_lock)
            {
                var taken = (_minute, _minuteFailed);
                _minute = 0;
                _minuteFailed = 0;
                return taken;
            }
        }
    }
}
