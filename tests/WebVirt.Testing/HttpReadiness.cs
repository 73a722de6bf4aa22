using System.Net;

namespace WebVirt.Testing;

/// <summary>Polls a started process's readiness URL (an agent's /healthz, the web's login page) until it answers as wanted.</summary>
public static class HttpReadiness
{
    /// <summary>An agent's /healthz once its libvirt connection is up.</summary>
    public static bool LibvirtConnected(string body) => body.Contains("\"libvirt\":true", StringComparison.Ordinal);

    /// <summary>
    /// Waits until <paramref name="url"/> answers 200 with a body <paramref name="ready"/> accepts, for up to 90 s; fails at
    /// once with the process's log when it exits. Certificates are accepted unless <paramref name="handler"/> decides.
    /// </summary>
    public static async Task WaitForAsync(AppProcess process, string url, Func<string, bool> ready, TimeSpan? poll = null, HttpMessageHandler? handler = null)
    {
        // Readiness only: certificates are checked by the TLS tests.
        using var http = new HttpClient(
            handler ?? new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator },
            disposeHandler: handler is null) { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string last = "";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The process exited before {url} answered. Its log:\n{process.ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync(url);
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if (response.StatusCode == HttpStatusCode.OK && ready(await response.Content.ReadAsStringAsync()))
                {
                    return;
                }
            }
            catch (HttpRequestException ex)
            {
                last = ex.Message;
            }
            catch (TaskCanceledException ex)
            {
                last = ex.Message;
            }

            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(250));
        }

        throw new TimeoutException($"{url} did not become ready (last answer: {last}). Process log:\n{process.ReadLog()}");
    }
}
