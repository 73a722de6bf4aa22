using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

// The test guest as the agent's migration tests run it (as the libvirt layer's MigrationGuest, but defined): direct kernel boot from the shared folder, 256 MiB,
// one qcow2 disk (cache='none', as migrations with a shared disk want it), and a serial log in the
// shared folder with append='on', so the virtlogd of whichever host runs the guest keeps adding to
// one file. Once booted, a loop in the guest prints "TICK <uptime>" there every second: ticks that
// go on growing after a migration show the same kernel kept running.
internal sealed partial class AgentMigrationGuest
{
    public const string DiskTarget = "vda";
    public const UnixFileMode DirectoryMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    // setsid and an ignored HUP keep the loop alive when the console session that typed it ends.
    private const string TickerCommand =
        "setsid sh -c 'trap \"\" HUP; while :; do echo TICK $(cut -d\" \" -f1 /proc/uptime) >/dev/ttyS0; sleep 1; done' </dev/null >/dev/null 2>&1 &";

    private static readonly TimeSpan s_bootTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_tickTimeout = TimeSpan.FromSeconds(30);

    private AgentMigrationGuest(string name, string diskPath, string serialLog, string xml)
    {
        Name = name;
        DiskPath = diskPath;
        SerialLog = serialLog;
        Xml = xml;
    }

    public string Name { get; }

    public string DiskPath { get; }

    public string SerialLog { get; }

    public string Xml { get; }

    /// <summary>A guest whose disk is a copy of the test guest's qcow2 at <paramref name="diskPath"/> (made here), named with <paramref name="prefix"/> (the fixture's by default).</summary>
    public static async Task<AgentMigrationGuest> PrepareAsync(string purpose, string sharedDirectory, string diskPath, string? prefix = null)
    {
        string name = (prefix ?? AgentMigrationFixture.Prefix) + purpose;
        string image = Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk);
        File.Copy(image, diskPath, overwrite: true);
        File.SetUnixFileMode(diskPath, FileMode);
        string serialLog = TestGuestDomainXml.SerialLogPath(name, sharedDirectory);
        File.Delete(serialLog);

        XElement domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, sharedDirectory));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        domain.Element("devices")!.AddFirst(
            new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2"), new XAttribute("cache", "none")),
                new XElement("source", new XAttribute("file", diskPath)),
                new XElement("target", new XAttribute("dev", DiskTarget), new XAttribute("bus", "virtio"))));
        return new AgentMigrationGuest(name, diskPath, serialLog, domain.ToString());
    }

    /// <summary>Defines the guest (persistent, as the product's guests are) on <paramref name="connection"/>, shut off.</summary>
    public string Define(LibvirtConnection connection)
    {
        using LibvirtDomain domain = connection.DefineDomainXml(Xml);
        return domain.Uuid;
    }

    /// <summary>Defines and starts the guest on <paramref name="connection"/>, waits for its shell and starts the ticker; its UUID.</summary>
    public async Task<string> BootAsync(LibvirtConnection connection)
    {
        using LibvirtDomain domain = connection.DefineDomainXml(Xml);
        domain.Create();
        await WebVirt.Testing.SerialLog.WaitForAsync(SerialLog, "webvirt-testguest:", s_bootTimeout);

        // The shell may not read the line typed the moment its prompt shows: type again if no tick comes.
        for (int attempt = 1; ; attempt++)
        {
            using (LibvirtStream console = domain.OpenConsole("serial0", ConsoleFlags.Force))
            {
                console.StartReceiving();
                await console.SendAsync(Encoding.ASCII.GetBytes(TickerCommand + "\n"));
                await ReadEchoAsync(console);
                console.Finish();
            }

            // The shell echoes the command, "TICK $(cut …" included: only a number counts.
            DateTime deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                if (Ticks().Count > 0)
                {
                    return domain.Uuid;
                }

                await Task.Delay(200);
            }

            if (attempt == 3)
            {
                throw new TimeoutException($"{Name} printed no tick; serial log:\n{WebVirt.Testing.SerialLog.ReadStripped(SerialLog)}");
            }
        }
    }

    // Ending the stream before the shell has read the line would drop it: wait for the shell's echo.
    private static async Task ReadEchoAsync(LibvirtStream console)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new StringBuilder();
        try
        {
            while (!received.ToString().Contains("/dev/ttyS0", StringComparison.Ordinal))
            {
                ReadOnlyMemory<byte> chunk = await console.ReceiveAsync(timeout.Token);
                if (chunk.IsEmpty)
                {
                    return;
                }

                received.Append(Encoding.UTF8.GetString(chunk.Span));
            }
        }
        catch (OperationCanceledException)
        {
            // No echo: the tick check below decides whether to type again.
        }
    }

    /// <summary>Every uptime the guest printed so far, in order.</summary>
    public IReadOnlyList<double> Ticks() =>
        TickPattern().Matches(WebVirt.Testing.SerialLog.ReadStripped(SerialLog))
            .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToArray();

    public double LastTick() => Ticks() is { Count: > 0 } ticks ? ticks[^1] : throw new InvalidOperationException($"{Name} printed no tick yet");

    /// <summary>
    /// Waits for a tick later than <paramref name="before"/> and checks that the uptimes never went
    /// back (a reboot would start them again near zero).
    /// </summary>
    public async Task<double> WaitForTickAfterAsync(double before)
    {
        using var timeout = new CancellationTokenSource(s_tickTimeout);
        while (true)
        {
            IReadOnlyList<double> ticks = Ticks();
            if (ticks.Count > 0 && ticks[^1] > before)
            {
                Assert.True(ticks.Zip(ticks.Skip(1)).All(p => p.Second >= p.First), $"the uptime went back: {string.Join(' ', ticks)}");
                return ticks[^1];
            }

            try
            {
                await Task.Delay(200, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} printed no tick after {before.ToString(CultureInfo.InvariantCulture)} s within {s_tickTimeout}");
            }
        }
    }

    [GeneratedRegex(@"^TICK ([0-9]+\.[0-9]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex TickPattern();
}
