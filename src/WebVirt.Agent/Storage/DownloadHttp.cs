using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using WebVirt.Contracts;
using WebVirt.Domain.Storage;

namespace WebVirt.Agent.Storage;

/// <summary>The HTTP side of a download: a GET up to its headers within the limits, and a sums file read whole (bounded).</summary>
internal static class DownloadHttp
{
    /// <summary>
    /// The response of a GET whose headers arrived within <see cref="DownloadLimits.Headers"/> and said
    /// 2xx, or the failure that says why not. The body is left to read; it no longer depends on
    /// <paramref name="ct"/> (the caller's hub call), since a task reads it after the call returned.
    /// </summary>
    public static async Task<(HttpResponseMessage? Response, Failure? Failure)> GetAsync(HttpClient client, Uri url, CancellationToken ct)
    {
        HttpResponseMessage response;
        var headers = new CancellationTokenSource(DownloadLimits.Headers);
        try
        {
            response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, headers.Token).WaitAsync(ct);
        }
        catch (HttpRequestException ex)
        {
            return (null, Failure.Of(ErrorCodes.DownloadUnreadable, url.ToString(), ex.Message));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, Failure.Of(ErrorCodes.DownloadTimeout, url.ToString(), DownloadLimits.Headers.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)));
        }
        catch (OperationCanceledException)
        {
            await headers.CancelAsync();
            throw;
        }
        finally
        {
            // Disarmed, not cancelled: the body read must not end when the headers' time is up.
            headers.CancelAfter(Timeout.InfiniteTimeSpan);
            headers.Dispose();
        }

        if (response.IsSuccessStatusCode)
        {
            return (response, null);
        }

        using (response)
        {
            int status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                // A redirect the handler did not follow: one too many, or from https to http.
                var from = response.RequestMessage?.RequestUri ?? url;
                return (null, Failure.Of(ErrorCodes.DownloadRedirectRefused, from.ToString(), new Uri(from, location).ToString()));
            }

            return (null, Failure.Of(ErrorCodes.DownloadRefused, url.ToString(), status.ToString(CultureInfo.InvariantCulture), response.ReasonPhrase ?? ""));
        }
    }

    /// <summary>The sum <paramref name="sumsUrl"/> lists for <paramref name="fileName"/>, or the failure that says why there is none.</summary>
    public static async Task<(ImageChecksum? Checksum, Failure? Failure)> ReadSumAsync(HttpClient client, Uri sumsUrl, string fileName, CancellationToken ct)
    {
        var (response, failure) = await GetAsync(client, sumsUrl, ct);
        if (response is null)
        {
            return (null, failure);
        }

        using (response)
        {
            if (response.Content.Headers.ContentLength > DownloadLimits.MaxSumsFileBytes)
            {
                return (null, TooLarge(sumsUrl));
            }

            try
            {
                byte[] text = await ReadBoundedAsync(response.Content, ct);
                if (text.Length > DownloadLimits.MaxSumsFileBytes)
                {
                    return (null, TooLarge(sumsUrl));
                }

                string[] lines = Encoding.UTF8.GetString(text).Split('\n');
                return ChecksumFiles.Find(lines, fileName) is { } sum
                    ? (sum, null)
                    : (null, Failure.Of(ErrorCodes.DownloadSumsFileNoEntry, sumsUrl.ToString(), fileName));
            }
            catch (IOException ex)
            {
                return (null, Failure.Of(ErrorCodes.DownloadUnreadable, sumsUrl.ToString(), ex.Message));
            }
            catch (HttpRequestException ex)
            {
                return (null, Failure.Of(ErrorCodes.DownloadUnreadable, sumsUrl.ToString(), ex.Message));
            }
        }
    }

    /// <summary>The response's Content-Length, when the server said it and the body is not re-encoded.</summary>
    public static long? LengthOf(HttpContentHeaders headers) =>
        headers.ContentEncoding.Count == 0 ? headers.ContentLength : null;

    // One byte past the limit is enough to know the file is too large.
    private static async Task<byte[]> ReadBoundedAsync(HttpContent content, CancellationToken ct)
    {
        await using var body = new DownloadBodyStream(default, await content.ReadAsStreamAsync(ct), HashAlgorithmName.SHA256, DownloadLimits.Idle);
        using var text = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        int read;
        while (text.Length <= DownloadLimits.MaxSumsFileBytes && (read = await body.ReadAsync(buffer, ct)) > 0)
        {
            text.Write(buffer, 0, read);
        }

        return text.ToArray();
    }

    private static Failure TooLarge(Uri sumsUrl) =>
        Failure.Of(ErrorCodes.DownloadSumsFileTooLarge, sumsUrl.ToString(), TaskArguments.Bytes(DownloadLimits.MaxSumsFileBytes));
}
