using WebVirt.Data;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Fills the rights' tag index from the stored notes once the database answers, so a grant on a tag
/// covers its guests from the web's start, not only after someone opened their pages.
/// </summary>
public sealed partial class GuestTagIndexLoader(GuestNotesStore notes, GuestTagIndex index, ILogger<GuestTagIndexLoader> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var (hostId, uuid, tags) in await notes.GetAllTagsAsync(stoppingToken))
                {
                    index.Load(hostId, uuid.ToString(), tags);
                }

                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.LoadFailed(logger, ex.Message);
                await Task.Delay(Retry, stoppingToken);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1223, Level = LogLevel.Warning, Message = "The guests' tags could not be read for the rights on tags; trying again: {Error}")]
        public static partial void LoadFailed(ILogger logger, string error);
    }
}
