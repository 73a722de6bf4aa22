using System.Globalization;

namespace WebVirt.Agent.Memory;

/// <summary>One mapping of <c>/proc/self/maps</c> whose pages come from a file and are never written.</summary>
internal readonly record struct ReadOnlyFileMapping(long Start, long Length, string Path);

/// <summary>
/// The read-only file mappings of a process, read from its <c>/proc/PID/maps</c>: the program's and
/// the shared libraries' code and constant data. Writable mappings (data, heaps, stacks), anonymous
/// ones and the kernel's ([vdso], [vvar]) are left out, so paging out what is listed never loses a
/// byte: every page listed can be read again from its file.
/// </summary>
internal static class ReadOnlyFileMappings
{
    public static IReadOnlyList<ReadOnlyFileMapping> Parse(IEnumerable<string> mapsLines)
    {
        var found = new List<ReadOnlyFileMapping>();
        foreach (var line in mapsLines)
        {
            // "start-end perms offset dev inode path", the path last and possibly containing spaces.
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[1].Length < 4 || fields[1][0] != 'r' || fields[1][1] == 'w' || fields[1][3] != 'p'
                || fields[4] == "0" || !fields[5].StartsWith('/'))
            {
                continue;
            }

            var range = fields[0].Split('-');
            if (range.Length != 2
                || !long.TryParse(range[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(range[1], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var end)
                || end <= start)
            {
                continue;
            }

            found.Add(new ReadOnlyFileMapping(start, end - start, fields[5].Trim()));
        }

        return found;
    }

    public static IReadOnlyList<ReadOnlyFileMapping> OfThisProcess() => Parse(File.ReadLines("/proc/self/maps"));
}
