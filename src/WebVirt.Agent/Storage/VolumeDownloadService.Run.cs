using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Agent.Session;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>The task of a download: the body into the volume, the sum checked, and the volume deleted on any failure.</summary>
internal sealed partial class VolumeDownloadService
{
    private async Task RunAsync(Download run)
    {
        await Task.Yield();
        var (task, volume) = (run.Task, run.Volume);
        using (run.Cancel)
        using (run.Response)
        using (run.Body)
        using (volume)
        {
            try
            {
                await task.LogAsync(run.Length is { } total
                    ? TaskText.Of(ErrorCodes.TaskDownloading, run.Url.ToString(), TaskArguments.Bytes(total), run.Pool, volume.Name)
                    : TaskText.Of(ErrorCodes.TaskDownloadingUnknownSize, run.Url.ToString(), run.Pool, volume.Name), 0);
                if (run is { SumsUrl: { } sumsUrl, Expected: { } listed })
                {
                    await task.LogAsync(TaskText.Of(ErrorCodes.TaskChecksumListed, sumsUrl.ToString(), listed.AlgorithmName, listed.Hex));
                }

                var progress = new TaskProgress(task, run.Length);
                await volume.UploadAsync(run.Body, 0, (ulong)(run.Length ?? 0), progress, run.Cancel.Token);
                await progress.FlushAsync();
                string actual = run.Body.HashHex();
                if (run.Expected is { } expected)
                {
                    if (!string.Equals(expected.Hex, actual, StringComparison.Ordinal))
                    {
                        throw new ChecksumMismatchException(Failure.Of(ErrorCodes.DownloadChecksumMismatch, expected.AlgorithmName, expected.Hex, actual));
                    }

                    await task.LogAsync(TaskText.Of(ErrorCodes.TaskChecksumVerified, expected.AlgorithmName, actual));
                }
                else
                {
                    await task.LogAsync(TaskText.Of(ErrorCodes.TaskChecksumComputed, "SHA-256", actual));
                }

                await task.ProgressAsync(run.Body.BytesRead, 100);
                Log.Finished(logger, volume.Name, run.Pool, run.Body.BytesRead);
                await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskDownloaded, volume.Name));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or LibvirtException or OperationCanceledException or LibvirtUnavailableException or ChecksumMismatchException)
            {
                Log.Failed(logger, volume.Name, run.Pool, ex.Message);
                await DeletePartialAsync(task, volume, run.Pool);
                if (CancelledByUser(ex, run))
                {
                    await task.CancelledAsync(TaskText.Of(ErrorCodes.TaskDownloadCancelled, volume.Name));
                }
                else
                {
                    await task.FailAsync(TaskText.Of(ErrorCodes.TaskDownloadFailed).Because(CauseOf(ex, run)));
                }
            }
        }
    }

    private static Failure CauseOf(Exception ex, Download run) => ex switch
    {
        ChecksumMismatchException mismatch => mismatch.Cause,
        DownloadIdleException idle => Failure.Of(ErrorCodes.DownloadIdle, run.Url.ToString(), Seconds(idle.Idle)),
        _ => TaskCauses.Of(ex, "download"),
    };

    /// <summary>The user's cancel, not the agent stopping (that one fails the task with the hub's usual "cancelled" cause).</summary>
    private bool CancelledByUser(Exception ex, Download run) =>
        ex is OperationCanceledException && run.Cancel.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested;

    private async Task DeletePartialAsync(TaskHandle task, LibvirtStorageVolume volume, string pool)
    {
        try
        {
            await session.RunAsync(_ => volume.Delete(), CancellationToken.None);
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskPartialVolumeDeleted, volume.Name));
            await task.RemovedAsync(TaskLeftover.Volume(pool, volume.Name));
        }
        catch (Exception cleanup) when (cleanup is LibvirtException or LibvirtUnavailableException)
        {
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskPartialVolumeKept, volume.Name).Because(TaskCauses.Of(cleanup, "download")));
        }
    }

    /// <summary>The bytes arrived, but their sum is not the expected one.</summary>
    private sealed class ChecksumMismatchException(Failure cause) : Exception(cause.ToString())
    {
        public Failure Cause { get; } = cause;
    }

    /// <summary>
    /// Passes the stream's progress to the task, in order: once per percent of a known size, or once
    /// per <see cref="UnknownSizeStep"/> bytes when the server did not say the size.
    /// </summary>
    private sealed class TaskProgress(TaskHandle task, long? total) : IProgress<long>
    {
        private const long UnknownSizeStep = 4 * 1024 * 1024;
        private readonly Lock _lock = new();
        private Task _last = Task.CompletedTask;
        private long _step = -1;

        public void Report(long value)
        {
            long step = total is > 0 ? Math.Clamp(100 * value / total.Value, 0, 99) : value / UnknownSizeStep;
            lock (_lock)
            {
                if (step == _step)
                {
                    return;
                }

                _step = step;
                int? percent = total is > 0 ? (int)step : null;
                _last = _last.ContinueWith(_ => task.ProgressAsync(value, percent), TaskScheduler.Default).Unwrap();
            }
        }

        public Task FlushAsync()
        {
            lock (_lock)
            {
                return _last;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6231, Level = LogLevel.Information, Message = "Downloaded {Length} bytes into volume {Volume} of pool {Pool}")]
        public static partial void Finished(ILogger logger, string volume, string pool, long length);

        [LoggerMessage(EventId = 6232, Level = LogLevel.Warning, Message = "Download into volume {Volume} of pool {Pool} failed, deleting it: {Error}")]
        public static partial void Failed(ILogger logger, string volume, string pool, string error);
    }
}
