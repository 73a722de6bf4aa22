using System.Net.Http.Headers;
using WebVirt.Contracts;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Storage;

/// <summary>
/// Opens a volume's content on its agent for the web to pass on as it arrives (never buffered): the
/// agent answers with the length first, then the bytes read through a libvirt stream. The same
/// client and agent credentials as the upload relay.
/// </summary>
public static class AgentDownloadRelay
{
    /// <summary>The open content and its length, or the agent's refusal; the caller disposes the content.</summary>
    public sealed record Opened(HttpResponseMessage? Response, long Length, ActionResult Result) : IDisposable
    {
        public void Dispose() => Response?.Dispose();
    }

    public static async Task<Opened> OpenAsync(
        AgentDirectory agents, IHttpClientFactory clients, string hostId, string pool, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(clients);
        var agent = agents.Find(hostId);
        if (agent is null || !Uri.TryCreate(agent.Url, UriKind.Absolute, out var agentUrl))
        {
            return new Opened(null, 0, ActionResult.Fail(ErrorCodes.UnknownHost, hostId));
        }

        HttpResponseMessage? response = null;
        try
        {
            // Not disposed here: disposing a client cancels what it still streams; the factory owns its handler.
            var client = clients.CreateClient(UploadEndpoints.HttpClientName);
            client.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(agentUrl, StorageContent.AgentPath(pool, name)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode && response.Content.Headers.ContentLength is long length)
            {
                return new Opened(response, length, ActionResult.Success);
            }

            var refusal = await response.Content.ReadFromJsonAsync<ActionResult>(cancellationToken) ?? ActionResult.Fail(ErrorCodes.BadAnswer, hostId);
            response.Dispose();
            return new Opened(null, 0, refusal.Ok ? ActionResult.Fail(ErrorCodes.BadAnswer, hostId) : refusal);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            response?.Dispose();
            var result = cancellationToken.IsCancellationRequested
                ? ActionResult.Fail(ErrorCodes.Cancelled, "download")
                : ActionResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable));
            return new Opened(null, 0, result);
        }
    }
}
