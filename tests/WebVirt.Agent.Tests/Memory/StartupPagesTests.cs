using System.Globalization;
using WebVirt.Hosting.Memory;

namespace WebVirt.Agent.Tests.Memory;

/// <summary>
/// What the web and the agent give back once started (StartupPages): only private, read-only
/// mappings of files that hold their file's pages alone, whose every page can be read back from the
/// file; never data, heaps, stacks, the kernel's mappings or a library's relocated (copied) pages.
/// </summary>
public sealed class StartupPagesTests
{
    private const int FourMiB = 4 * 1024 * 1024;

    [Fact]
    public void Only_read_only_private_file_mappings_without_copied_pages_are_listed()
    {
        var mappings = ReadOnlyFileMappings.Parse(
        [
            "55d0c0000000-55d0c0034000 r--p 00000000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "Rss:                 208 kB",
            "Anonymous:             0 kB",
            "55d0c0034000-55d0c0cb1000 r-xp 00034000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "Anonymous:             0 kB",
            "55d0c1800000-55d0c1900000 r--p 01800000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "Anonymous:           112 kB",
            "55d0c1900000-55d0c1967000 rw-p 01900000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "Anonymous:             0 kB",
            "55d0c1967000-55d0c2100000 rw-p 00000000 00:00 0 ",
            "Anonymous:             0 kB",
            "55d0c3000000-55d0c3100000 rw-p 00000000 00:00 0 [heap]",
            "Anonymous:            12 kB",
            "7f1e2c000000-7f1e2c021000 r--s 00000000 00:01 2048 /memfd:doublemapper (deleted)",
            "Anonymous:             0 kB",
            "7f1e2d000000-7f1e2d200000 r-xp 00028000 08:01 777 /opt/with space/libx.so",
            "Rss:                  64 kB",
            "Anonymous:             0 kB",
            "7f1e2e000000-7f1e2e001000 ---p 00000000 08:01 777 /opt/with space/libx.so",
            "Anonymous:             0 kB",
            "7f1e2f000000-7f1e2f001000 r--p 00000000 08:01 778 /opt/no-fields.so",
            "7ffd1a5f2000-7ffd1a5f6000 r--p 00000000 00:00 0 [vvar]",
            "Anonymous:             0 kB",
            "7ffd1a5f6000-7ffd1a5f8000 r-xp 00000000 00:00 0 [vdso]",
            "Anonymous:             0 kB",
            "not a mapping",
        ]);

        Assert.Equal(
        [
            new ReadOnlyFileMapping(0x55d0c0000000, 0x34000, "/usr/lib/webvirt-agent/WebVirt.Agent"),
            new ReadOnlyFileMapping(0x55d0c0034000, 0xc7d000, "/usr/lib/webvirt-agent/WebVirt.Agent"),
            new ReadOnlyFileMapping(0x7f1e2d000000, 0x200000, "/opt/with space/libx.so"),
        ], mappings);
    }

    [Fact]
    public void Giving_back_this_processs_pages_keeps_it_running()
    {
        var mappings = ReadOnlyFileMappings.OfThisProcess().ToList();
        Assert.Contains(mappings, m => m.Path.EndsWith(".so", StringComparison.Ordinal) || m.Path.Contains(".so.", StringComparison.Ordinal));

        var (advised, failed) = StartupPages.GiveBack(mappings);

        Assert.Equal(0, failed);
        Assert.Equal(mappings.Sum(m => m.Length), advised);
        // The runtime's and the runner's code, given back, is mapped again as it runs on.
        Assert.NotEmpty(ReadOnlyFileMappings.OfThisProcess());
    }

    [Fact]
    public void A_files_pages_leave_resident_memory_and_read_back_unchanged()
    {
        using var file = OwnMappedFile.Create(FourMiB);
        Assert.True(file.ReadsAsWritten());
        var mapping = Assert.Single(ReadOnlyFileMappings.OfThisProcess(), m => m.Path == file.Path);
        Assert.Equal(4096, ResidentKiB(file.Start));

        var (advised, failed) = StartupPages.GiveBack([mapping]);

        Assert.Equal((0, (long)FourMiB), (failed, advised));
        var after = ResidentKiB(file.Start);
        Assert.True(after < 1024, $"{after} KiB of 4096 still resident");
        Assert.True(file.ReadsAsWritten());
    }

    [Fact]
    public void A_mapping_with_a_copied_page_is_left_alone()
    {
        using var file = OwnMappedFile.Create(FourMiB);
        file.CopyFirstPage(0x5a);
        Assert.True(file.ReadsAsWritten());

        var mine = ReadOnlyFileMappings.OfThisProcess().Where(m => m.Path == file.Path).ToList();

        // The kernel split the mapping where the protection changed: the copied page's part is left
        // out, the rest (the file's pages alone) is listed.
        Assert.Equal([new ReadOnlyFileMapping(file.Start + 4096, FourMiB - 4096, file.Path)], mine);
        StartupPages.GiveBack(ReadOnlyFileMappings.OfThisProcess());
        Assert.True(file.ReadsAsWritten(), "the copied byte was replaced by the file's");
    }

    /// <summary>The Rss of the mapping starting at an address, from /proc/self/smaps (walked from its page tables).</summary>
    private static long ResidentKiB(long start)
    {
        var header = start.ToString("x", CultureInfo.InvariantCulture) + "-";
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var first = line.Split(' ', 2)[0];
            if (!first.EndsWith(':'))
            {
                inMapping = first.StartsWith(header, StringComparison.Ordinal);
            }
            else if (inMapping && first == "Rss:")
            {
                return long.Parse(line["Rss:".Length..^"kB".Length].Trim(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"no mapping at {header} in /proc/self/smaps");
    }
}
