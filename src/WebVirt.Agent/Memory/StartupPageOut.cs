using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Inventory;
using WebVirt.Hosting.Memory;

namespace WebVirt.Agent.Memory;

/// <summary>
/// Gives back the file pages the agent touched only while starting (<see cref="StartupPages"/>), once
/// it has started: after the first inventory read and <see cref="AgentOptions.PageOutAfterStartSeconds"/>.
/// The Native AOT program reads nearly all of its 26 MB file at start (it unpacks its type data) but
/// runs on about a third of it afterwards.
/// </summary>
internal sealed partial class StartupPageOut(InventoryService inventory, IOptions<AgentOptions> options, ILogger<StartupPageOut> logger) : BackgroundService
{
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
        var (advised, failed) = StartupPages.GiveBack();
        Log.PagedOut(logger, advised / (1024 * 1024), failed);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Start-up over: gave back the pages of {MiB} MiB of read-only file mappings ({Failed} refused)")]
        public static partial void PagedOut(ILogger logger, long miB, int failed);
    }
}
