using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Inventory;

namespace WebVirt.Agent.Memory;

/// <summary>
/// Gives back the file pages the agent touched only while starting, once it has started. The Native
/// AOT program reads nearly all of its 26 MB file at start (it unpacks its type data, and the kernel
/// maps the pages around every fault), but runs on about a third of it afterwards; those pages stay
/// in its resident memory until the machine runs short. After the first inventory read and
/// <see cref="AgentOptions.PageOutAfterStartSeconds"/>, every read-only file mapping is advised
/// MADV_PAGEOUT once: the kernel drops the pages no other process maps, and what the agent still
/// uses is read back from the file at its next touch (bench/README.md, AOT agent settings).
/// </summary>
internal sealed partial class StartupPageOut(InventoryService inventory, IOptions<AgentOptions> options, ILogger<StartupPageOut> logger) : BackgroundService
{
    // Linux 5.4 and later; an older kernel answers EINVAL and keeps the pages.
    private const int MadvPageOut = 21;
    private static readonly TimeSpan FirstReadLimit = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PageOutAfterStartSeconds;
        if (seconds < 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        await inventory.WhenFirstReadAsync(FirstReadLimit, stoppingToken);
        await Task.Delay(TimeSpan.FromSeconds(seconds), stoppingToken);
        var (advised, failed) = PageOut(ReadOnlyFileMappings.OfThisProcess());
        Log.PagedOut(logger, advised / (1024 * 1024), failed);
    }

    /// <summary>Advises every mapping MADV_PAGEOUT; returns the bytes advised and the mappings the kernel refused.</summary>
    internal static (long Advised, int Failed) PageOut(IReadOnlyList<ReadOnlyFileMapping> mappings)
    {
        long advised = 0;
        var failed = 0;
        foreach (var mapping in mappings)
        {
            if (madvise((nint)mapping.Start, (nuint)mapping.Length, MadvPageOut) == 0)
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Start-up over: advised {MiB} MiB of read-only file mappings to be paged out ({Failed} refused)")]
        public static partial void PagedOut(ILogger logger, long miB, int failed);
    }
}
