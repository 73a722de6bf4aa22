namespace WebVirt.Web.Agents.Gateway;

/// <summary>Takes up the migration batches a previous run of the console left running, once the database is ready.</summary>
internal sealed partial class MigrationBatchResumption(MigrationBatches batches, ILogger<MigrationBatchResumption> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await batches.ResumeAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The console runs without the old batches: they stay stored and are taken up at the next start.
            ResumeFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The stored migration batches could not be read")]
    private static partial void ResumeFailed(ILogger logger, Exception exception);
}
