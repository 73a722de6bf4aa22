using Microsoft.Extensions.Options;
using WebVirt.Hosting.Memory;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Hosting;

/// <summary>
/// Gives back the file pages the web touched only while starting (<see cref="StartupPages"/>):
/// <see cref="WebVirtOptions.PageOutAfterStartSeconds"/> after it started to serve. The runtime,
/// ASP.NET Core, EF Core and MudBlazor read much of their files while the web starts (the schema
/// check, the first connections), and the pages a console then uses come back as they are used.
/// </summary>
internal sealed partial class StartupPageOut(IHostApplicationLifetime lifetime, IOptions<WebVirtOptions> options, ILogger<StartupPageOut> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = options.Value.PageOutAfterStartSeconds;
        if (seconds < 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        await Task.Delay(TimeSpan.FromSeconds(seconds), stoppingToken);
        var (advised, failed) = StartupPages.GiveBack();
        Log.PagedOut(logger, advised / (1024 * 1024), failed);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1901, Level = LogLevel.Information, Message = "Start-up over: gave back the pages of {MiB} MiB of read-only file mappings ({Failed} refused)")]
        public static partial void PagedOut(ILogger logger, long miB, int failed);
    }
}
