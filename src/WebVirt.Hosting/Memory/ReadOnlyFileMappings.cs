using System.Globalization;

namespace WebVirt.Hosting.Memory;

/// <summary>One mapping of <c>/proc/self/smaps</c> whose every page is its file's own, unchanged.</summary>
public readonly record struct ReadOnlyFileMapping(long Start, long Length, string Path);

/// <summary>
/// The read-only private file mappings of a process that hold only their file's pages, read from its
/// <c>/proc/PID/smaps</c>: the program's and the shared libraries' code and constant data. Left out:
/// writable mappings (data, heaps, stacks), anonymous ones, the kernel's ([vdso], [vvar]) and a
/// read-only mapping holding copied pages (<c>Anonymous</c> above 0: a library's relocated data,
/// made read-only after the loader wrote it). So every page listed can be read again from its file.
/// </summary>
public static class ReadOnlyFileMappings
{
    /// <summary>
    /// Lists the mappings lazily, each as soon as its <c>Anonymous</c> field is read, so a caller that
    /// acts on each one does so while what it read is still current.
    /// </summary>
    public static IEnumerable<ReadOnlyFileMapping> Parse(IEnumerable<string> smapsLines)
    {
        ReadOnlyFileMapping? current = null;
        foreach (var line in smapsLines)
        {
            // A mapping's header ("start-end perms offset dev inode path") is followed by its fields ("Name: value kB").
            var first = line.Split(' ', 2)[0];
            if (!first.EndsWith(':'))
            {
                current = ParseHeader(line);
            }
            else if (current is { } mapping && first == "Anonymous:")
            {
                current = null;
                if (line.AsSpan("Anonymous:".Length).Trim() is "0 kB")
                {
                    yield return mapping;
                }
            }
        }
    }

    public static IEnumerable<ReadOnlyFileMapping> OfThisProcess() => Parse(File.ReadLines("/proc/self/smaps"));

    private static ReadOnlyFileMapping? ParseHeader(string line)
    {
        // The path comes last and may contain spaces.
        var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 6 || fields[1].Length < 4 || fields[1][0] != 'r' || fields[1][1] == 'w' || fields[1][3] != 'p'
            || fields[4] == "0" || !fields[5].StartsWith('/'))
        {
            return null;
        }

        var range = fields[0].Split('-');
        if (range.Length != 2
            || !long.TryParse(range[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(range[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
            || end <= start)
        {
            return null;
        }

        return new ReadOnlyFileMapping(start, end - start, fields[5].Trim());
    }
}
