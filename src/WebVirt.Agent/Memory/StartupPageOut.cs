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
/// <see cref="AgentOptions.PageOutAfterStartSeconds"/>, every read-only mapping that holds only its
/// file's pages is advised MADV_DONTNEED once: its pages leave the agent's memory and stay in the page
/// cache (the first the kernel reclaims, being clean and mapped by no one else), and a page the agent
/// touches again is mapped back from there or read from the file (bench/README.md, AOT agent settings).
/// Not MADV_PAGEOUT: that drops only pages of files the caller owns or may write, and the agent runs
/// as its own user, on root's files (as that user it changed nothing).
/// </summary>
internal sealed partial class StartupPageOut(InventoryService inventory, IOptions<AgentOptions> options, ILogger<StartupPageOut> logger) : BackgroundService
{
    private const int MadvDontNeed = 4;
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

    /// <summary>
    /// Advises each mapping MADV_DONTNEED as it is listed; returns the bytes advised and the mappings
    /// the kernel refused. Only for mappings that hold their file's pages alone: a private mapping's
    /// copied pages would be replaced by the file's (<see cref="ReadOnlyFileMappings"/> leaves them out,
    /// and a read-only mapping cannot gain one without being made writable first).
    /// </summary>
    internal static (long Advised, int Failed) PageOut(IEnumerable<ReadOnlyFileMapping> mappings)
    {
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

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Start-up over: gave back the pages of {MiB} MiB of read-only file mappings ({Failed} refused)")]
        public static partial void PagedOut(ILogger logger, long miB, int failed);
    }
}
