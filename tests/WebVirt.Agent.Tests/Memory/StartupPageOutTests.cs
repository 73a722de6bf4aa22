using WebVirt.Agent.Memory;

namespace WebVirt.Agent.Tests.Memory;

/// <summary>
/// What the agent pages out once started: only private, read-only mappings of files, whose every
/// page can be read back from the file, never data, heaps, stacks or the kernel's mappings.
/// </summary>
public sealed class StartupPageOutTests
{
    [Fact]
    public void Only_read_only_private_file_mappings_are_listed()
    {
        var mappings = ReadOnlyFileMappings.Parse(
        [
            "55d0c0000000-55d0c0034000 r--p 00000000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "55d0c0034000-55d0c0cb1000 r-xp 00034000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "55d0c1900000-55d0c1967000 rw-p 01900000 08:01 1311 /usr/lib/webvirt-agent/WebVirt.Agent",
            "55d0c1967000-55d0c2100000 rw-p 00000000 00:00 0 ",
            "55d0c3000000-55d0c3100000 rw-p 00000000 00:00 0 [heap]",
            "7f1e2c000000-7f1e2c021000 r--s 00000000 00:01 2048 /memfd:doublemapper (deleted)",
            "7f1e2d000000-7f1e2d200000 r-xp 00028000 08:01 777 /opt/with space/libx.so",
            "7f1e2e000000-7f1e2e001000 ---p 00000000 08:01 777 /opt/with space/libx.so",
            "7ffd1a5f2000-7ffd1a5f6000 r--p 00000000 00:00 0 [vvar]",
            "7ffd1a5f6000-7ffd1a5f8000 r-xp 00000000 00:00 0 [vdso]",
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
    public void Paging_out_this_process_keeps_it_running_and_gives_back_file_pages()
    {
        var mappings = ReadOnlyFileMappings.OfThisProcess();
        Assert.Contains(mappings, m => m.Path.EndsWith(".so", StringComparison.Ordinal) || m.Path.Contains(".so.", StringComparison.Ordinal));

        var before = RssFileKiB();

        var (advised, failed) = StartupPageOut.PageOut(mappings);

        var after = RssFileKiB();
        Assert.Equal(0, failed);
        Assert.Equal(mappings.Sum(m => m.Length), advised);
        // The test's own assemblies are mapped by this process alone, so their pages go; the code that
        // runs next (this assertion, the test runner) is read back from its files.
        Assert.True(after < before, $"RssFile {before} KiB before, {after} KiB after");
    }

    private static long RssFileKiB() =>
        long.Parse(File.ReadLines("/proc/self/status").Single(l => l.StartsWith("RssFile:", StringComparison.Ordinal))["RssFile:".Length..^"kB".Length].Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
