using System.Globalization;
using System.Security.Cryptography;
using WebVirt.Agent.Failures;
using WebVirt.Agent.Session;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;

namespace WebVirt.Agent.Storage;

/// <summary>
/// "Download from URL into the pool": checks the URL, the name and the sum (a pasted one, or the line of
/// a sums file), asks the server for the image and reads its first bytes before anything is made (they
/// tell qcow2 from raw), creates the volume and fills it through a libvirt storage stream as a
/// cancellable task with progress, hashing as it writes. A mismatch, a failure or a cancel deletes the volume.
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

    private readonly List<Task> _running = [];

    public async Task<ProvisioningResult> StartAsync(StorageVolumeDownloadRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = new DownloadSpec(request.Url, Given(request.Name), Given(request.Checksum), Given(request.ChecksumUrl));
        var checkedRequest = await session.RunAsync(c =>
        {
            using var pool = c.LookupStoragePoolByName(request.Pool);
            return VolumeValidator.ValidateDownload(spec, StorageService.DomainInfoOf(pool));
        }, ct);
        if (checkedRequest.Value is not { } download)
        {
            return ProvisioningResult.Refused(Refusals.ToDtos(checkedRequest.Problems));
        }

        var client = httpClients.CreateClient(HttpClientName);
        ImageChecksum? expected = download.Checksum;
        if (download.ChecksumUrl is { } sumsUrl)
        {
            var (listed, unlisted) = await DownloadHttp.ReadSumAsync(client, sumsUrl, download.FileName, ct);
            if (listed is null)
            {
                return ProvisioningResult.Fail(unlisted!);
            }

            expected = listed;
        }

        var (response, refused) = await DownloadHttp.GetAsync(client, download.Url, ct);
        if (response is null)
        {
            return ProvisioningResult.Fail(refused!);
        }

        try
        {
            long? length = DownloadHttp.LengthOf(response.Content.Headers);
            var body = await response.Content.ReadAsStreamAsync(CancellationToken.None);
            var (head, ended) = await ReadHeadAsync(body, ct);
            if (head is null)
            {
                return ProvisioningResult.Fail(ErrorCodes.DownloadIdle, download.Url.ToString(), Seconds(DownloadLimits.Idle));
            }

            LibvirtStorageVolume? volume = null;
            var created = await session.RunAsync(c =>
            {
                using var pool = c.LookupStoragePoolByName(request.Pool);
                var validated = VolumeValidator.ValidateDownloadVolume(download, ImageHeader.Read(head), length ?? (ended ? head.Length : null), StorageService.DomainInfoOf(pool));
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
            var cancel = await task.CancellableAsync(lifetime.ApplicationStopping);
            var source = new DownloadBodyStream(head, body, expected?.Algorithm == ChecksumAlgorithm.Sha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256, DownloadLimits.Idle);
            Track(RunAsync(new Download(task, cancel, response, source, volume, length, request.Pool, download.Url, expected, download.ChecksumUrl)));
            response = null;
            return ProvisioningResult.Started(task.Id);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            // The first bytes did not come: the server's failure, with the HTTP stack's reason as an argument.
            return ProvisioningResult.Fail(ErrorCodes.DownloadUnreadable, download.Url.ToString(), ex.Message);
        }
        finally
        {
            response?.Dispose();
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

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);

    /// <summary>
    /// The first <see cref="ImageHeader.Length"/> bytes (fewer when the body ends first: <c>ended</c>), or
    /// null when nothing arrived for <see cref="DownloadLimits.Idle"/>.
    /// </summary>
    private static async Task<(byte[]? Head, bool Ended)> ReadHeadAsync(Stream body, CancellationToken ct)
    {
        byte[] head = new byte[ImageHeader.Length];
        int filled = 0;
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stall.CancelAfter(DownloadLimits.Idle);
        try
        {
            while (filled < head.Length)
            {
                int read = await body.ReadAsync(head.AsMemory(filled), stall.Token);
                if (read == 0)
                {
                    return (head[..filled], true);
                }

                filled += read;
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, false);
        }

        return (head, false);
    }

    private void Track(Task run)
    {
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(run);
        }
    }

    /// <summary>What a running download holds; the run disposes all of it.</summary>
    private sealed record Download(
        TaskHandle Task,
        CancellationTokenSource Cancel,
        HttpResponseMessage Response,
        DownloadBodyStream Body,
        LibvirtStorageVolume Volume,
        long? Length,
        string Pool,
        Uri Url,
        ImageChecksum? Expected,
        Uri? SumsUrl);
}
