using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Services;

namespace WebVirt.Web.Storage;

/// <summary>
/// The browser's file upload into a storage pool. The request body is handed to the agent as it
/// arrives (never buffered), so a 4 GiB ISO costs a few buffers of memory; the agent writes it into
/// the new volume and deletes the volume when the upload is aborted.
/// </summary>
public static partial class UploadEndpoints
{
    public const string HttpClientName = "webvirt-upload";
    public const string TicketHeader = "X-Upload-Ticket";
    public const string Action = "upload-volume";

    public static string PathFor(string hostId, string pool, string fileName) =>
        $"/storage/upload/{Uri.EscapeDataString(hostId)}/{Uri.EscapeDataString(pool)}/{Uri.EscapeDataString(fileName)}";

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not RequireAuthorization: a missing cookie would be answered with a login redirect
        // instead of a status the page's script can show.
        endpoints.MapPost("/storage/upload/{hostId}/{pool}/{name}", UploadAsync);
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(
        string hostId, string pool, string name, HttpContext context, UploadTickets tickets, IOptions<WebVirtOptions> options,
        IHttpClientFactory clients, AuditLog audit, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UploadEndpoints));
        var user = context.User;
        var userName = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "(anonymous)";
        var target = $"{pool}/{name}";
        var length = context.Request.ContentLength;
        if (!Permissions.IsAllowed(user, Permission.ManageStorage)
            || !tickets.Redeem(context.Request.Headers[TicketHeader], userName, hostId, pool, name, length))
        {
            await RecordAsync(audit, userName, hostId, target, ActionResult.Fail(AgentErrorCodes.Forbidden, "no valid upload ticket"));
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var agent = options.Value.Agents.FirstOrDefault(a => a.HostId == hostId);
        if (agent is null || !Uri.TryCreate(agent.Url, UriKind.Absolute, out var agentUrl))
        {
            return Results.NotFound();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Only this endpoint accepts bodies beyond Kestrel's 30 MB default.
            limit.MaxRequestBodySize = null;
        }

        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        ActionResult result;
        int status;
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            client.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(agentUrl, StorageUpload.AgentPath(pool, name, culture, userName)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            request.Content = new StreamContent(context.Request.Body, 256 * 1024);
            request.Content.Headers.ContentLength = length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            status = (int)response.StatusCode;
            result = await response.Content.ReadFromJsonAsync<ActionResult>(context.RequestAborted)
                ?? ActionResult.Fail(AgentErrorCodes.Failed, $"The agent answered {status} without a result.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            // The browser cancelled or the link broke; the agent sees its request end and deletes the partial volume.
            result = ActionResult.Fail(context.RequestAborted.IsCancellationRequested ? "WEBVIRT_UPLOAD_CANCELLED" : AgentErrorCodes.Unavailable, ex.Message);
            status = StatusCodes.Status502BadGateway;
        }

        Uploaded(logger, userName, hostId, target, length ?? -1, result.Ok, result.ErrorCode);
        await RecordAsync(audit, userName, hostId, target, result);
        return Results.Json(result, statusCode: status);
    }

    private static Task RecordAsync(AuditLog audit, string userName, string hostId, string target, ActionResult result) =>
        audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = Action,
            TargetHost = hostId,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = result.Ok ? target : $"{target} {result.ErrorCode}: {result.Message}",
        }, CancellationToken.None);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "{UserName} uploaded {Target} ({Length} bytes) to host {HostId}: ok={Ok} {ErrorCode}")]
    private static partial void Uploaded(ILogger logger, string userName, string hostId, string target, long length, bool ok, string? errorCode);
}
