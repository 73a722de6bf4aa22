using System.Globalization;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Storage;

/// <summary>
/// "Download from URL into the pool": checks the URL and the name, asks the server for the size
/// before anything is made, creates the volume at that size and fills it through a libvirt storage
/// stream as a task with progress, one buffer at a time. A failed download deletes the volume.
/// </summary>
internal sealed partial class VolumeDownloadService(
    LibvirtSession session,
    TaskTracker tasks,
    IHttpClientFactory httpClients,
    IHostApplicationLifetime lifetime,
    ILogger<VolumeDownloadService> logger)
{
    public const string HttpClientName = "volume-download";
    public const string TaskKind = "download";

    private static readonly TimeSpan HeadersTimeout = TimeSpan.FromSeconds(30);

    private readonly List<Task> _running = [];

    public async Task<ProvisioningResult> StartAsync(StorageVolumeDownloadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var checkedUrl = await session.RunAsync(c =>
            {
                using var pool = c.LookupStoragePoolByName(request.Pool);
                return VolumeValidator.ValidateDownload(new DownloadSpec(request.Url, string.IsNullOrWhiteSpace(request.Name) ? null : request.Name), StorageService.DomainInfoOf(pool));
            }, ct);
            if (checkedUrl.Value is not { } download)
            {
                return ProvisioningResult.Refused(Refusals.ToDtos(checkedUrl.Problems));
            }

            // Not the caller's token: the response body is read by the task long after this call returns.
            var response = await httpClients.CreateClient(HttpClientName)
                .GetAsync(download.Url, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None)
                .WaitAsync(HeadersTimeout, ct);
            try
            {
                if (!response.IsSuccessStatusCode)
                {
                    return ProvisioningResult.Fail(ErrorCodes.DownloadRefused, download.Url.ToString(), ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), response.ReasonPhrase ?? "");
                }

                if (response.Content.Headers.ContentLength is not long length)
                {
                    return ProvisioningResult.Fail(ErrorCodes.DownloadSizeUnknown, download.Url.ToString());
                }

                LibvirtStorageVolume? volume = null;
                var created = await session.RunAsync(c =>
                {
                    using var pool = c.LookupStoragePoolByName(request.Pool);
                    var validated = VolumeValidator.ValidateUpload(new UploadSpec(download.VolumeName, length), StorageService.DomainInfoOf(pool));
                    if (validated.Value is not { } valid)
                    {
                        return Refusals.Refused(validated.Problems);
                    }

                    volume = pool.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
                    return ActionResult.Success;
                }, ct);
                if (!created.Ok)
                {
                    return ProvisioningResult.From(created);
                }

                var task = await tasks.StartAsync(TaskKind, volume!.Name, request.RequestedBy);
                await task.MakingAsync(TaskLeftover.Volume(request.Pool, volume.Name));
                Track(RunAsync(task, response, volume, length, request.Pool));
                response = null;
                return ProvisioningResult.Started(task.Id);
            }
            finally
            {
                response?.Dispose();
            }
        }
        catch (HttpRequestException ex)
        {
            // The URL's server, not libvirt: its own failure, with the HTTP stack's reason as an argument.
            return ProvisioningResult.Fail(ErrorCodes.DownloadUnreadable, request.Url, ex.Message);
        }
        catch (TimeoutException)
        {
            return ProvisioningResult.Fail(ErrorCodes.DownloadTimeout, request.Url, HeadersTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture));
        }
    }

    /// <summary>Waits for the downloads started so far (tests).</summary>
    public Task WhenIdleAsync()
    {
        lock (_running)
        {
            return Task.WhenAll(_running);
        }
    }

    private void Track(Task run)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }
    }

    private async Task RunAsync(TaskHandle task, HttpResponseMessage response, LibvirtStorageVolume volume, long length, string pool)
    {
        await Task.Yield();
        using (response)
        using (volume)
        {
            try
            {
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskDownloading, response.RequestMessage?.RequestUri?.ToString() ?? "", TaskArguments.Bytes(length), pool, volume.Name), 0);
                await using var body = await response.Content.ReadAsStreamAsync(lifetime.ApplicationStopping);
                var progress = new TaskProgress(task, length);
                await volume.UploadAsync(body, 0, (ulong)length, progress, lifetime.ApplicationStopping);
                await progress.FlushAsync();
                await task.ProgressAsync(length, 100);
                Log.Finished(logger, volume.Name, pool, length);
                await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskDownloaded, volume.Name));
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or LibvirtException or OperationCanceledException or LibvirtUnavailableException)
            {
                Log.Failed(logger, volume.Name, pool, ex.Message);
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

                await task.FailAsync(TaskText.Of(ErrorCodes.TaskDownloadFailed).Because(TaskCauses.Of(ex, "download")));
            }
        }
    }

    /// <summary>Passes the stream's progress to the task at most once per percent, in order.</summary>
    private sealed class TaskProgress(TaskHandle task, long total) : IProgress<long>
    {
        private readonly Lock _lock = new();
        private Task _last = Task.CompletedTask;
        private int _percent = -1;

        public void Report(long value)
        {
            int percent = total > 0 ? (int)Math.Clamp(100 * value / total, 0, 99) : 0;
            lock (_lock)
            {
                if (percent == _percent)
                {
                    return;
                }

                _percent = percent;
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
