using System.Globalization;

namespace WebVirt.Bench;

/// <summary>
/// A process's resident memory split the way the kernel accounts it: anonymous (GC heap, JIT
/// data, malloc arenas), file-backed (the runtime's and framework's mapped files), shared memory
/// (the W^X double mapping of JIT-compiled code shows up here), and PSS, which shares each shared
/// page out among the processes that map it.
/// </summary>
internal sealed record ProcessMemory(long RssAnonKiB, long RssFileKiB, long RssShmemKiB, long PssKiB)
{
    public long RssKiB => RssAnonKiB + RssFileKiB + RssShmemKiB;

    public static ProcessMemory Read(int pid)
    {
        var status = Fields(File.ReadAllLines($"/proc/{pid}/status"));
        var rollup = Fields(File.ReadAllLines($"/proc/{pid}/smaps_rollup"));
        return new ProcessMemory(status["RssAnon"], status["RssFile"], status["RssShmem"], rollup["Pss"]);
    }

    // Lines such as "RssAnon:	   81234 kB"; only the ones counted in kB are kept.
    private static Dictionary<string, long> Fields(IEnumerable<string> lines)
    {
        var fields = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var parts = colon > 0 ? line[(colon + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries) : [];
            if (parts is [var number, "kB"] && long.TryParse(number, CultureInfo.InvariantCulture, out var kib))
            {
                fields[line[..colon]] = kib;
            }
        }

        return fields;
    }
}
