using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WebVirt.Libvirt;

namespace WebVirt.Testing;

/// <summary>
/// A loop typed into a booted test guest's serial console that prints "TICK &lt;uptime&gt;" every second into its
/// serial log. With the log on the shared folder and append='on', whichever host's virtlogd runs the guest adds to
/// one file: ticks that go on growing after a migration show the same kernel kept running (a reboot starts them again near zero).
/// </summary>
public static partial class SerialTicker
{
    // setsid and an ignored HUP keep the loop alive when the console session that typed it ends.
    private const string Command =
        "setsid sh -c 'trap \"\" HUP; while :; do echo TICK $(cut -d\" \" -f1 /proc/uptime) >/dev/ttyS0; sleep 1; done' </dev/null >/dev/null 2>&1 &";

    private static readonly TimeSpan s_tickTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_nudgeAfter = TimeSpan.FromSeconds(12);

    /// <summary>Types the loop into <paramref name="domain"/>'s shell (booted to its prompt) until its first tick is in <paramref name="serialLog"/>.</summary>
    public static async Task StartAsync(LibvirtDomain domain, string serialLog)
    {
        ArgumentNullException.ThrowIfNull(domain);
        // The shell may not read the line typed the moment its prompt shows: type again if no tick comes.
        for (var attempt = 1; ; attempt++)
        {
            using (var console = domain.OpenConsole("serial0", ConsoleFlags.Force))
            {
                console.StartReceiving();
                await console.SendAsync(Encoding.ASCII.GetBytes(Command + "\n"));
                await ReadEchoAsync(console, "/dev/ttyS0");
                console.Finish();
            }

            // The shell echoes the command, "TICK $(cut …" included: only a number counts.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                if (Ticks(serialLog).Count > 0)
                {
                    return;
                }

                await Task.Delay(200);
            }

            if (attempt == 3)
            {
                throw new TimeoutException($"{domain.Name} printed no tick; serial log:\n{SerialLog.ReadStripped(serialLog)}");
            }
        }
    }

    /// <summary>Every uptime the guest printed so far, in order.</summary>
    public static IReadOnlyList<double> Ticks(string serialLog) =>
        TickPattern().Matches(SerialLog.ReadStripped(serialLog))
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    public static double LastTick(string serialLog) =>
        Ticks(serialLog) is { Count: > 0 } ticks ? ticks[^1] : throw new InvalidOperationException($"no tick in {serialLog} yet");

    /// <summary>
    /// Waits for a tick later than every one in the log now. Right after a migration call returned, the source's
    /// QEMU has stopped, so that tick comes from the destination's: the guest runs there, the same kernel as before.
    /// </summary>
    public static Task<double> WaitForNextTickAsync(string serialLog) => WaitForTickAfterAsync(serialLog, LastTick(serialLog));

    /// <summary>
    /// Waits for a tick later than <paramref name="before"/>; throws if none comes or if the uptimes ever went back.
    /// When no tick comes for a while, types a newline on the guest's serial console once, on whichever host runs it.
    /// </summary>
    public static async Task<double> WaitForTickAfterAsync(string serialLog, double before)
    {
        var waited = Stopwatch.StartNew();
        string? nudge = null;
        while (true)
        {
            var ticks = Ticks(serialLog);
            if (ticks.Count > 0 && ticks[^1] > before)
            {
                if (!ticks.Zip(ticks.Skip(1)).All(p => p.Second >= p.First))
                {
                    throw new InvalidOperationException($"the uptime went back (a reboot?): {string.Join(' ', ticks)}");
                }

                if (nudge is not null)
                {
                    // Not a failure (the same kernel runs on), but worth seeing in the run's output.
                    Console.Error.WriteLine($"[SerialTicker] {serialLog}: no tick after {before.ToString("0.##", CultureInfo.InvariantCulture)} s for {s_nudgeAfter.TotalSeconds:F0} s; {nudge}; then the ticks went on");
                }

                return ticks[^1];
            }

            if (nudge is null && waited.Elapsed > s_nudgeAfter)
            {
                try
                {
                    nudge = await NudgeAsync(serialLog);
                }
                catch (Exception e) when (e is LibvirtException or InvalidOperationException)
                {
                    // The wait goes on: its timeout, with the log's end, says more than this failure.
                    nudge = $"typing a newline failed: {e.Message}";
                }
            }

            if (waited.Elapsed > s_tickTimeout)
            {
                // The log's end says whether the guest stopped printing or printed something else (a panic, a reboot).
                var tail = SerialLog.ReadStripped(serialLog).Split('\n').TakeLast(12);
                throw new TimeoutException(
                    $"no tick after {before.ToString("0.##", CultureInfo.InvariantCulture)} s in {serialLog} within {s_tickTimeout} ({nudge}); its last lines:\n{string.Join('\n', tail)}");
            }

            await Task.Delay(200);
        }
    }

    // After a migration's switch-over the guest's 8250 driver can wait for a transmit interrupt that
    // never comes (seen once in CI: the guest ran on, its serial log stopped). A received byte raises
    // the port's interrupt, whose handler also sends what waits, so a newline typed on the console
    // gets the output going again; the shell just prints its prompt once more.
    private static async Task<string> NudgeAsync(string serialLog)
    {
        var name = TestGuestDomainXml.NameOfSerialLog(serialLog);
        var hosts = LibvirtHosts.RunningUris();
        foreach (var uri in hosts)
        {
            using var connection = LibvirtConnection.Open(uri);
            LibvirtDomain domain;
            try
            {
                domain = connection.LookupDomainByName(name);
            }
            catch (LibvirtException e) when (e.Code == LibvirtErrorCodes.NoDomain)
            {
                continue;
            }

            using (domain)
            {
                if (domain.GetState().State != DomainState.Running)
                {
                    continue;
                }

                using var console = domain.OpenConsole("serial0", ConsoleFlags.Force);
                console.StartReceiving();
                await console.SendAsync("\n"u8.ToArray());
                await ReadEchoAsync(console, "\n");
                console.Finish();
                return $"typed a newline on its serial console on {uri}";
            }
        }

        return $"{name} runs on none of the hosts {string.Join(", ", hosts)}";
    }

    // Ending the stream before the shell has read the line would drop it: wait for the shell's echo.
    private static async Task ReadEchoAsync(LibvirtStream console, string echo)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new StringBuilder();
        try
        {
            while (!received.ToString().Contains(echo, StringComparison.Ordinal))
            {
                var chunk = await console.ReceiveAsync(timeout.Token);
                if (chunk.IsEmpty)
                {
                    return;
                }

                received.Append(Encoding.UTF8.GetString(chunk.Span));
            }
        }
        catch (OperationCanceledException)
        {
            // No echo: the caller's tick check decides what comes next.
        }
    }

    [GeneratedRegex(@"^TICK ([0-9]+\.[0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TickPattern();
}
