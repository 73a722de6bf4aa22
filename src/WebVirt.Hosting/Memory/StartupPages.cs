using System.Runtime.InteropServices;

namespace WebVirt.Hosting.Memory;

/// <summary>
/// Gives back the file pages a process touched only while starting. A .NET program reads much of its
/// code and constant data at start (the runtime's and the libraries' files, the kernel mapping the
/// pages around every fault and reading ahead) but runs on far less afterwards; those pages stay in
/// its resident memory until the machine runs short. Advised MADV_DONTNEED, the pages of every
/// read-only mapping that holds only its file's pages leave the process and stay in the page cache
/// (the first the kernel reclaims, being clean and mapped by no one else), and a page used again is
/// mapped back from there or read from the file (bench/README.md, "Start-up pages given back").
/// Not MADV_PAGEOUT: that drops only pages of files the caller owns or may write, and WebVirt's
/// processes run as their own users, on root's files (as such a user it changed nothing).
/// </summary>
public static partial class StartupPages
{
    private const int MadvDontNeed = 4;

    /// <summary>Advises every read-only file mapping of this process that holds only its file's pages (<see cref="ReadOnlyFileMappings"/>).</summary>
    public static (long Advised, int Failed) GiveBack() => GiveBack(ReadOnlyFileMappings.OfThisProcess());

    /// <summary>
    /// Advises each mapping MADV_DONTNEED as it is listed; returns the bytes advised and the mappings
    /// the kernel refused. Only for mappings that hold their file's pages alone: a private mapping's
    /// copied pages would be replaced by the file's (<see cref="ReadOnlyFileMappings"/> leaves them out,
    /// and a read-only mapping cannot gain one without being made writable first).
    /// </summary>
    public static (long Advised, int Failed) GiveBack(IEnumerable<ReadOnlyFileMapping> mappings)
    {
        ArgumentNullException.ThrowIfNull(mappings);
        long advised = 0;
        var failed = 0;
        foreach (var mapping in mappings)
        {
            if (madvise((nint)mapping.Start, (nuint)mapping.Length, MadvDontNeed) == 0)
            {
                advised += mapping.Length;
            }
            else
            {
                failed++;
            }
        }

        return (advised, failed);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);
}
