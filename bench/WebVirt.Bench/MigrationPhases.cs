using System.Globalization;
using System.Text.RegularExpressions;

namespace WebVirt.Bench;

/// <summary>
/// Where one WebVirt migration's time went, from the lines the web and the agents log at each step
/// (MigrationGateway, MigrationLog: each with its time, some with the milliseconds of the step they
/// end) and the page's clicks and result on the same wall clock. Each process logs into a folder of
/// its own, so the files are read from where they were before the click.
/// </summary>
internal sealed partial class MigrationPhases(string webLogs, params string[] agentLogs)
{
    /// <summary>The phases in order, as the table names them.</summary>
    /// <remarks>
    /// A live guest runs on the destination before the migrate call returns (the source's QEMU is still being
    /// stopped), and the page says so then: "call→runs there" ends at the source agent's line for the
    /// destination's resume event, and the phases after "runs there→page" are the task's rest, until the page
    /// shows it ended. Offline, "call→runs there" is the whole call up to the task's success, and the rest is none.
    /// </remarks>
    public static readonly string[] Names =
    [
        "click→web", "grant+settings", "web→source", "source checks", "task→migrate call", "call→runs there", "runs there→page",
        "page→call returned", "confirm", "succeeded push", "push→task end on page",
    ];

    private Dictionary<string, long> _marks = [];

    /// <summary>Notes how far each log file has been written, before a migration.</summary>
    public void Mark() => _marks = Files().ToDictionary(f => f, f => new FileInfo(f).Length);

    /// <summary>
    /// The phases' milliseconds of the migration of <paramref name="guest"/> since <see cref="Mark"/>, given the
    /// page's click, result and task-end times (ms since 1970); NaN where a line is missing (an older build logs fewer).
    /// </summary>
    public async Task<double[]> ReadAsync(string guest, double clickedEpochMs, double shownEpochMs, double endedEpochMs)
    {
        var lines = new List<(double At, string Text)>();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            lines = [.. Files().SelectMany(NewLines)];
            if (Find(lines, SucceededLine(), guest) is not null)
            {
                break;
            }

            // A line reaches its file a moment after the page saw the result.
            await Task.Delay(100);
        }

        var asked = Find(lines, AskedLine(), guest);
        var granted = Find(lines, GrantedLine(), guest);
        var checkedAt = Find(lines, CheckedLine(), guest);
        var returned = Find(lines, ReturnedLine(), guest);
        var confirmed = Find(lines, ConfirmedLine(), guest);
        var succeeded = Find(lines, SucceededLine(), guest);
        var runsThere = Find(lines, ArrivedLine(), guest);
        var reachedSource = checkedAt?.At - checkedAt?.Ms;
        var called = returned?.At - returned?.Ms;
        double?[] before = [clickedEpochMs, asked?.At, granted?.At, reachedSource, checkedAt?.At, called, runsThere?.At ?? succeeded?.At, shownEpochMs];
        double?[] after = runsThere is null ? [null, null, null, null, null] : [shownEpochMs, returned?.At, confirmed?.At, succeeded?.At, endedEpochMs];
        return [.. Steps(before), .. Steps(after)];
    }

    private static IEnumerable<double> Steps(double?[] points) =>
        points.Zip(points.Skip(1), (from, to) => from is { } f && to is { } t ? t - f : double.NaN);

    private IEnumerable<string> Files() =>
        new[] { webLogs }.Concat(agentLogs).Where(Directory.Exists).SelectMany(d => Directory.EnumerateFiles(d, "*.log"));

    private IEnumerable<(double At, string Text)> NewLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        stream.Seek(_marks.GetValueOrDefault(file), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var result = new List<(double, string)>();
        while (reader.ReadLine() is { } line)
        {
            // "2026-12-05 16:18:10.030 +00:00 [INF] message", Serilog's file format.
            if (line.Length > 30 && DateTimeOffset.TryParseExact(line[..30], "yyyy-MM-dd HH:mm:ss.fff zzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                result.Add(((at.UtcDateTime - DateTime.UnixEpoch).TotalMilliseconds, line[30..]));
            }
        }

        return result;
    }

    /// <summary>The first line of <paramref name="pattern"/> naming <paramref name="guest"/>: its time and the milliseconds it reports, if any.</summary>
    private static (double At, double Ms)? Find(List<(double At, string Text)> lines, Regex pattern, string guest)
    {
        foreach (var (at, text) in lines)
        {
            if (pattern.Match(text) is { Success: true } m && m.Groups["guest"].Value == guest)
            {
                return (at, m.Groups["ms"].Success ? double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture) : 0);
            }
        }

        return null;
    }

    [GeneratedRegex(@"Migration of (?<guest>\S+) from \S+ to \S+ asked")]
    private static partial Regex AskedLine();

    [GeneratedRegex(@"Migration of (?<guest>\S+) to \S+: destination granted and settings read in (?<ms>\d+) ms")]
    private static partial Regex GrantedLine();

    [GeneratedRegex(@"Migration of (?<guest>\S+) to \S+ checked in (?<ms>\d+) ms")]
    private static partial Regex CheckedLine();

    [GeneratedRegex(@"Migration of (?<guest>\S+) to \S+: libvirt's migrate call returned after (?<ms>\d+) ms")]
    private static partial Regex ReturnedLine();

    [GeneratedRegex(@"Migration of (?<guest>\S+) to \S+: the guest runs there ")]
    private static partial Regex ArrivedLine();

    [GeneratedRegex(@"Migrated (?<guest>\S+) to \S+ in ")]
    private static partial Regex ConfirmedLine();

    [GeneratedRegex(@"Migration of (?<guest>\S+) to \S+ succeeded: task")]
    private static partial Regex SucceededLine();
}
