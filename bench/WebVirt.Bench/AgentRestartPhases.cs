using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// One return of a killed agent, split into its phases as <see cref="Stopwatch"/> timestamps: the
/// process spawned, its port accepting connections (.NET started and Kestrel listening), its
/// /healthz reporting libvirt connected, and the web logging its SignalR (re)connect to it. What
/// "the agent's return" means is a choice, so the recovery benchmark reports from the first two.
/// </summary>
internal sealed class AgentRestartPhases
{
    private static readonly TimeSpan PortPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    private AgentRestartPhases(long spawned, long listening, long ready, Task<long> firstRead, Task<long> webReconnected, TimeSpan cpuListening, TimeSpan cpuReady)
    {
        FirstRead = firstRead;
        Spawned = spawned;
        Listening = listening;
        Ready = ready;
        WebReconnected = webReconnected;
        CpuListening = cpuListening;
        CpuReady = cpuReady;
    }

    public long Spawned { get; }

    public long Listening { get; }

    public long Ready { get; }

    /// <summary>The agent's CPU time (user + system) when its port first accepted: unlike the wall clock, hardly moved by others' load.</summary>
    public TimeSpan CpuListening { get; }

    /// <summary>The agent's CPU time when /healthz first reported libvirt.</summary>
    public TimeSpan CpuReady { get; }

    /// <summary>When the agent's log says its first inventory read is done (what a reconnecting console is answered with).</summary>
    public Task<long> FirstRead { get; }

    /// <summary>When the web's log says it is connected to the agent again (it logs that before it re-reads the inventory).</summary>
    public Task<long> WebReconnected { get; }

    /// <summary>Starts the stack's killed agent again and notes its phases; returns once /healthz reports libvirt (polled every <paramref name="poll"/>).</summary>
    public static async Task<AgentRestartPhases> RestartAsync(WebVirtStack stack, TimeSpan poll)
    {
        var port = new Uri(stack.AgentUrl).Port;
        var webLog = stack.Web.LogPath;
        var offset = new FileInfo(webLog).Length;
        var webReconnected = WatchLogAsync(webLog, offset, $"Connected to agent {stack.HostId}", $"Reconnected to agent {stack.HostId}");

        var spawned = Stopwatch.GetTimestamp();
        await stack.SpawnAgentAsync();
        var firstRead = WatchLogAsync(stack.Agent.LogPath, 0, "First inventory read");
        var cpu = new ProcessCpu([stack.Agent.Pid]);
        var listening = await WhenListeningAsync(port);
        var cpuListening = cpu.Used();
        await stack.WaitForAgentAsync(poll);
        var ready = Stopwatch.GetTimestamp();
        return new AgentRestartPhases(spawned, listening, ready, firstRead, webReconnected, cpuListening, cpu.Used());
    }

    /// <summary>Seconds from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static double Seconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalSeconds;

    private static async Task<long> WhenListeningAsync(int port)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port);
                return Stopwatch.GetTimestamp();
            }
            catch (SocketException)
            {
                await Task.Delay(PortPoll);
            }
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"The agent's port {port} did not accept connections within {Limit.TotalSeconds} s."));
    }

    /// <summary>When a line holding one of <paramref name="needles"/> is written to the log after <paramref name="offset"/>.</summary>
    private static async Task<long> WatchLogAsync(string path, long offset, params string[] needles)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Limit.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                stream.Seek(offset, SeekOrigin.Begin);
                var text = await new StreamReader(stream).ReadToEndAsync();
                if (needles.Any(needle => text.Contains(needle, StringComparison.Ordinal)))
                {
                    return Stopwatch.GetTimestamp();
                }
            }

            await Task.Delay(PortPoll);
        }

        throw new TimeoutException($"'{needles[0]}' was not logged to {path} within {Limit.TotalSeconds} s.");
    }
}
