using System.Globalization;

namespace WebVirt.Bench;

/// <summary>
/// CPU time (user + system, all threads) that a set of processes used, from /proc/PID/stat. On a
/// loaded machine wall-clock rates swing with everyone else's work; the CPU a relay spends per
/// megabyte or per ping does not, so it shows what a change saved even when timings are noisy.
/// </summary>
internal sealed class ProcessCpu(IReadOnlyList<int> pids)
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public TimeSpan Used()
    {
        // Children count too: websockify serves each connection from a forked process.
        var stats = new Dictionary<int, string[]>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid) && Fields(pid) is { } fields)
            {
                stats[pid] = fields;
            }
        }

        var included = new HashSet<int>(pids);
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, fields) in stats)
            {
                // Field 4 is the parent's pid.
                if (!included.Contains(pid) && included.Contains(int.Parse(fields[4 - 3], CultureInfo.InvariantCulture)))
                {
                    grew = included.Add(pid);
                }
            }
        }

        long ticks = 0;
        foreach (var pid in included)
        {
            if (stats.TryGetValue(pid, out var fields))
            {
                // utime is field 14 and stime field 15 (proc(5)).
                ticks += long.Parse(fields[14 - 3], CultureInfo.InvariantCulture) + long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
            }
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    // The fields after the command name, which sits in parentheses and may hold spaces; null when
    // the process has just gone. The first of them, the state, is field 3.
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
