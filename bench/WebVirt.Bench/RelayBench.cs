using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebVirt.Testing;
using WebVirt.Testing.Browser;

namespace WebVirt.Bench;

/// <summary>
/// The VNC relay benchmark (--relay): one local TCP source, reached four ways in one run —
/// directly, through websockify (Debian's package) and through WebVirt's two paths (browser-side
/// WebSocket to the web, which relays alone after the agent's hand-off or through the agent's relay)
/// — for throughput of a one-way stream and round-trip time of small pings.
/// </summary>
internal static partial class RelayBench
{
    private const int WarmupMegabytes = 32;
    private const int WarmupPings = 100;

    /// <param name="variants">Configurations of the web and agent to measure WebVirt's two paths with, each on a fresh stack; the build output as it is when empty.</param>
    public static async Task RunAsync(int megabytes, int pings, int runs, IReadOnlyList<StackVariant> variants)
    {
        Console.WriteLine($"WebVirt VNC relay benchmark: {megabytes} MB one way (best and median of {runs}), {pings} pings of {RelaySource.PingSize} bytes");
        await using var source = new RelaySource();

        var results = new List<PathResult>();
        using (var direct = new TcpClient { NoDelay = true })
        {
            await direct.ConnectAsync("127.0.0.1", source.Port);
            results.Add(await MeasureAsync("direct TCP", new StreamPipe(direct.GetStream()), new ProcessCpu([]), megabytes, pings, runs));
        }

        using (var websockify = StartWebsockify(source.Port, out var websockifyPort))
        {
            try
            {
                using var socket = await ConnectWebSocketWithRetryAsync(new Uri($"ws://127.0.0.1:{websockifyPort}/"), cookie: null);
                results.Add(await MeasureAsync("websockify (Debian)", new WebSocketPipe(socket), new ProcessCpu([websockify.Id]), megabytes, pings, runs));
            }
            finally
            {
                websockify.Kill(entireProcessTree: true);
                await websockify.WaitForExitAsync();
            }
        }

        var domainFile = Path.Combine(Path.GetTempPath(), $"{TestRun.GuestName("relay-bench")}.xml");
        var uuid = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(domainFile, TestDriverNode(TestRun.GuestName("relay-bench"), uuid, source.Port));
        try
        {
            // The web of the agent's own machine takes the VNC connection from the agent (the hand-off, as installed);
            // a remote host's console goes through its agent's relay. Both, on the same source, in the same run.
            foreach (var variant in variants.Count == 0 ? [new StackVariant("", new StackLaunch())] : variants)
            {
                var label = variant.Label.Length == 0 ? "" : ", " + variant.Label;
                foreach (var (handoff, name) in new[] { (true, "WebVirt hand-off (web alone)"), (false, "WebVirt relay (web -> agent)") })
                {
                    results.Add(await MeasureStackAsync(domainFile, uuid, handoff, name + label, variant.Launch, megabytes, pings, runs));
                }
            }
        }
        finally
        {
            File.Delete(domainFile);
        }

        Print(results);
    }

    private static async Task<PathResult> MeasureStackAsync(string domainFile, string uuid, bool handoff, string name, StackLaunch launch, int megabytes, int pings, int runs)
    {
        // test:///<file> starts the file's domains running, so the agent finds a "running" guest
        // whose VNC display is the source; the agent process owns that test driver state.
        await using var stack = await WebVirtStack.StartAsync("test://" + domainFile, "bench_relay", launch: launch, consoleHandoff: handoff);
        var (url, cookie) = await TicketedUrlAsync(stack, uuid);
        using var socket = await ConnectWebSocketWithRetryAsync(url, cookie);
        var (web, agent) = (new ProcessCpu([stack.Web.Pid]), new ProcessCpu([stack.Agent.Pid]));
        var (webBefore, agentBefore) = (web.Used(), agent.Used());
        var result = await MeasureAsync(name, new WebSocketPipe(socket), new ProcessCpu([stack.Web.Pid, stack.Agent.Pid]), megabytes, pings, runs);
        // Which of the two processes the relay's CPU went to, over the whole measurement (warm-up, streams and pings).
        var total = WarmupMegabytes + ((double)runs * megabytes);
        Console.WriteLine(FormattableString.Invariant(
            $"  {name} CPU ms/MB over everything moved, by process: web {(web.Used() - webBefore).TotalMilliseconds / total:F2}, agent {(agent.Used() - agentBefore).TotalMilliseconds / total:F2}"));
        return result;
    }

    private static string TestDriverNode(string name, string uuid, int port) => $"""
        <node>
          <domain type='test'>
            <name>{name}</name>
            <uuid>{uuid}</uuid>
            <memory unit='MiB'>64</memory>
            <os><type>hvm</type></os>
            <devices><graphics type='vnc' port='{port}' autoport='no' listen='127.0.0.1'/></devices>
          </domain>
        </node>
        """;

    // Logs in as admin in Debian's Chromium and opens the guest's console page; the page's noVNC
    // WebSocket is intercepted before it reaches the server, so its one-time ticket stays unused
    // and this process redeems it with the same session cookie.
    private static async Task<(Uri Url, string Cookie)> TicketedUrlAsync(WebVirtStack stack, string uuid)
    {
        var (playwright, browser) = await DebianChromium.LaunchAsync();
        try
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl });
            var page = await context.NewPageAsync();
            var captured = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            await page.RouteWebSocketAsync(ConsoleSocket(), ws => captured.TrySetResult(ws.Url));
            await DebianChromium.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
            await page.GotoAsync($"/guests/{stack.HostId}/{uuid}/console");
            var url = await captured.Task.WaitAsync(TimeSpan.FromSeconds(60));
            var cookies = await context.CookiesAsync();
            return (new Uri(url), string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        }
        finally
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }

    [GeneratedRegex("/console/.+/vnc\\?ticket=")]
    private static partial Regex ConsoleSocket();

    private static Process StartWebsockify(int targetPort, out int port)
    {
        port = FreePort.Next();
        var start = new ProcessStartInfo("websockify", ["127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "127.0.0.1:" + targetPort.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("websockify did not start (apt-get install -y websockify).");
        // Its log is not needed; draining it keeps a full pipe from stalling it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // websockify and the web app take a moment to listen; until then the connect is refused.
    private static async Task<ClientWebSocket> ConnectWebSocketWithRetryAsync(Uri url, string? cookie)
    {
        for (var attempt = 0; ; attempt++)
        {
            var socket = new ClientWebSocket();
            socket.Options.AddSubProtocol("binary");
            if (cookie is not null)
            {
                socket.Options.SetRequestHeader("Cookie", cookie);
            }

            try
            {
                await socket.ConnectAsync(url, CancellationToken.None);
                return socket;
            }
            catch (WebSocketException) when (attempt < 50 && cookie is null)
            {
                socket.Dispose();
                await Task.Delay(100);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    private static async Task<PathResult> MeasureAsync(string name, IPipe pipe, ProcessCpu relayCpu, int megabytes, int pings, int runs)
    {
        await StreamAsync(pipe, WarmupMegabytes);
        await PingsAsync(pipe, WarmupPings);

        var rates = new List<double>();
        var cpuBefore = relayCpu.Used();
        for (var i = 0; i < runs; i++)
        {
            rates.Add(await StreamAsync(pipe, megabytes));
        }

        var streamCpu = relayCpu.Used() - cpuBefore;
        cpuBefore = relayCpu.Used();
        var rtts = await PingsAsync(pipe, pings);
        var pingCpu = relayCpu.Used() - cpuBefore;
        rates.Sort();
        rtts.Sort();
        var result = new PathResult(name, rates[^1], rates[rates.Count / 2], rtts[rtts.Count / 2], rtts[(int)Math.Ceiling(rtts.Count * 0.95) - 1],
            streamCpu.TotalMilliseconds / ((double)runs * megabytes), pingCpu.TotalMicroseconds / pings);
        Console.WriteLine(FormattableString.Invariant($"  measured {name}: best {result.BestMBps:F0} MB/s, median RTT {result.MedianRttUs:F0} µs"));
        return result;
    }

    private static async Task<double> StreamAsync(IPipe pipe, int megabytes)
    {
        var bytes = (long)megabytes * 1024 * 1024;
        var command = new byte[9];
        command[0] = (byte)'S';
        BinaryPrimitives.WriteInt64BigEndian(command.AsSpan(1), bytes);
        var buffer = new byte[256 * 1024];
        var start = Stopwatch.GetTimestamp();
        await pipe.SendAsync(command);
        for (long received = 0; received < bytes;)
        {
            received += await pipe.ReceiveAsync(buffer);
        }

        return megabytes / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<List<double>> PingsAsync(IPipe pipe, int count)
    {
        var ping = new byte[1 + RelaySource.PingSize];
        ping[0] = (byte)'P';
        var buffer = new byte[RelaySource.PingSize];
        var rtts = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(ping.AsSpan(1), i);
            var start = Stopwatch.GetTimestamp();
            await pipe.SendAsync(ping);
            for (var received = 0; received < RelaySource.PingSize;)
            {
                received += await pipe.ReceiveAsync(buffer.AsMemory(received));
            }

            rtts.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            if (BinaryPrimitives.ReadInt32BigEndian(buffer) != i)
            {
                throw new InvalidOperationException($"ping {i} came back wrong");
            }
        }

        return rtts;
    }

    private static void Print(List<PathResult> results)
    {
        var direct = results[0];
        var websockify = results.Single(r => r.Name.StartsWith("websockify", StringComparison.Ordinal));
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"{"path",-40} {"best MB/s",10} {"median MB/s",12} {"RTT median µs",14} {"RTT p95 µs",11} {"added µs",9} {"MB/s vs direct",15} {"MB/s vs websockify",19} {"RTT vs websockify",18} {"CPU ms/MB",10} {"CPU µs/ping",12}"));
        foreach (var r in results)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"{r.Name,-40} {r.BestMBps,10:F0} {r.MedianMBps,12:F0} {r.MedianRttUs,14:F0} {r.P95RttUs,11:F0} {r.MedianRttUs - direct.MedianRttUs,9:F0} {r.MedianMBps / direct.MedianMBps,15:F2} {r.MedianMBps / websockify.MedianMBps,19:F2} {r.MedianRttUs / websockify.MedianRttUs,18:F2} {r.CpuMsPerMB,10:F2} {r.CpuUsPerPing,12:F0}"));
        }
    }

    private sealed record PathResult(string Name, double BestMBps, double MedianMBps, double MedianRttUs, double P95RttUs, double CpuMsPerMB, double CpuUsPerPing);

    /// <summary>Bytes in and out, whatever carries them.</summary>
    private interface IPipe
    {
        ValueTask SendAsync(ReadOnlyMemory<byte> data);

        ValueTask<int> ReceiveAsync(Memory<byte> buffer);
    }

    private sealed class StreamPipe(Stream stream) : IPipe
    {
        public ValueTask SendAsync(ReadOnlyMemory<byte> data) => stream.WriteAsync(data);

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer)
        {
            var n = await stream.ReadAsync(buffer);
            return n > 0 ? n : throw new EndOfStreamException("The source closed the connection.");
        }
    }

    private sealed class WebSocketPipe(WebSocket socket) : IPipe
    {
        public ValueTask SendAsync(ReadOnlyMemory<byte> data) => socket.SendAsync(data, WebSocketMessageType.Binary, true, CancellationToken.None);

        public async ValueTask<int> ReceiveAsync(Memory<byte> buffer)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            return result.MessageType == WebSocketMessageType.Close
                ? throw new EndOfStreamException($"The relay closed: {socket.CloseStatus} {socket.CloseStatusDescription}")
                : result.Count;
        }
    }
}
