using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Storage;

/// <summary>
/// Hands a request body to the agent's upload endpoint as it arrives (never buffered), for the
/// browser's upload and the API's alike: the agent checks name, size and free space before it reads
/// (asked with "Expect: 100-continue"), writes the volume, and deletes it when the upload breaks off.
/// </summary>
public static class AgentUploadRelay
{
    /// <summary>The agent's outcome and the status to answer with; an unknown host is <see cref="ErrorCodes.UnknownHost"/> with 404.</summary>
    public static async Task<(ActionResult Result, int Status)> SendAsync(
        HttpContext context, AgentDirectory agents, IHttpClientFactory clients, string hostId, string pool, string name, string userName, long length)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(agents);
        ArgumentNullException.ThrowIfNull(clients);
        var agent = agents.Find(hostId);
        if (agent is null || !Uri.TryCreate(agent.Url, UriKind.Absolute, out var agentUrl))
        {
            return (ActionResult.Fail(ErrorCodes.UnknownHost, hostId), StatusCodes.Status404NotFound);
        }

        try
        {
            using var client = clients.CreateClient(UploadEndpoints.HttpClientName);
            client.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(agentUrl, StorageUpload.AgentPath(pool, name, userName)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            // The agent checks name, size and free space before it reads: a refusal costs no bytes.
            request.Headers.ExpectContinue = true;
            request.Content = new StreamContent(context.Request.Body, 256 * 1024);
            request.Content.Headers.ContentLength = length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            var result = await response.Content.ReadFromJsonAsync<ActionResult>(context.RequestAborted) ?? ActionResult.Fail(ErrorCodes.BadAnswer, hostId);
            return (result, (int)response.StatusCode);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            // The client cancelled or the link broke; the agent sees its request end and deletes the partial volume.
            var result = context.RequestAborted.IsCancellationRequested
                ? ActionResult.Fail(ErrorCodes.Cancelled, "upload")
                : ActionResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable));
            return (result, StatusCodes.Status502BadGateway);
        }
    }

    /// <summary>Lets Kestrel read the body the request declares, never more; without a length nothing is read.</summary>
    public static void LimitBody(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = context.Request.ContentLength ?? 0;
        }
    }

    /// <summary>
    /// After a refusal, closes the connection rather than drain the rest of the body: Kestrel would
    /// otherwise read it for seconds (gigabytes on a fast link) to keep the connection.
    /// </summary>
    public static void StopReading(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 0;
        }

        context.Response.Headers.Connection = "close";
    }

    /// <summary>The upload's audit record; <paramref name="note"/> follows the detail (the API token's name).</summary>
    public static Task RecordAsync(AuditLog audit, string userName, string hostId, string target, ActionResult result, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(result);
        var detail = result.Ok ? target : $"{target} {result}";
        return audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = UploadEndpoints.Action,
            TargetHost = AuditText.Sanitize(hostId, AuditEntry.HostMaxLength),
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = AuditText.Sanitize(note is null ? detail : $"{detail} {note}", AuditEntry.DetailMaxLength),
        }, CancellationToken.None);
    }
}
