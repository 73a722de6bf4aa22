using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Storage;

/// <summary>
/// The browser's file upload into a storage pool. The request body is handed to the agent as it
/// arrives (never buffered), so a 4 GiB ISO costs a few buffers of memory; the agent writes it into
/// the new volume and deletes the volume when the upload is aborted. Nothing of the body is read
/// before the agent has accepted the declared size: the relay asks with "Expect: 100-continue",
/// and a refusal closes the browser's connection instead of draining what it still sends.
/// </summary>
public static partial class UploadEndpoints
{
    public const string HttpClientName = "webvirt-upload";
    public const string TicketHeader = "X-Upload-Ticket";
    public const string Action = "upload-volume";

    public static string PathFor(string hostId, string pool, string fileName) =>
        $"/storage/upload/{Uri.EscapeDataString(hostId)}/{Uri.EscapeDataString(pool)}/{Uri.EscapeDataString(fileName)}";

    /// <summary>Longest wait for the agent's "100 Continue" (its size and space checks) before the body is sent anyway.</summary>
    public static readonly TimeSpan AgentDecisionTimeout = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddUploadRelay(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(services =>
            {
                var handler = AgentTls.SharedHandler(services);
                handler.Expect100ContinueTimeout = AgentDecisionTimeout;
                return handler;
            });
        return services;
    }

    public static IEndpointRouteBuilder MapUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not RequireAuthorization: a missing cookie would be answered with a login redirect
        // instead of a status the page's script can show.
        endpoints.MapPost("/storage/upload/{hostId}/{pool}/{name}", UploadAsync);
        return endpoints;
    }

    private static async Task<IResult> UploadAsync(
        string hostId, string pool, string name, HttpContext context, UploadTickets tickets, AgentDirectory agents,
        IHttpClientFactory clients, AuditLog audit, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UploadEndpoints));
        var user = context.User;
        var userName = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "(anonymous)";
        var target = $"{pool}/{name}";
        var safeHost = AuditText.Sanitize(hostId, AuditEntry.HostMaxLength)!;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Never more than the size the ticket was issued for; without a length nothing is read.
            limit.MaxRequestBodySize = context.Request.ContentLength ?? 0;
        }

        if (context.Request.ContentLength is not long length)
        {
            var noLength = ActionResult.Fail(ErrorCodes.UploadNoLength);
            await RecordAsync(audit, userName, safeHost, target, noLength);
            return Refuse(context, noLength, StatusCodes.Status411LengthRequired);
        }

        if (!Permissions.IsAllowed(user, Permission.ManageStorage)
            || !tickets.Redeem(context.Request.Headers[TicketHeader], userName, hostId, pool, name, length))
        {
            await RecordAsync(audit, userName, safeHost, target, ActionResult.Fail(ErrorCodes.UploadNoTicket));
            StopReading(context);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var agent = agents.Find(hostId);
        if (agent is null || !Uri.TryCreate(agent.Url, UriKind.Absolute, out var agentUrl))
        {
            return Results.NotFound();
        }

        ActionResult result;
        int status;
        try
        {
            using var client = clients.CreateClient(HttpClientName);
            client.Timeout = Timeout.InfiniteTimeSpan;
            using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(agentUrl, StorageUpload.AgentPath(pool, name, userName)));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", agent.Token);
            // The agent checks name, size and free space before it reads: a refusal costs no bytes.
            request.Headers.ExpectContinue = true;
            request.Content = new StreamContent(context.Request.Body, 256 * 1024);
            request.Content.Headers.ContentLength = length;
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            status = (int)response.StatusCode;
            result = await response.Content.ReadFromJsonAsync<ActionResult>(context.RequestAborted)
                ?? ActionResult.Fail(ErrorCodes.BadAnswer, hostId);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or HttpRequestException or System.Text.Json.JsonException)
        {
            // The browser cancelled or the link broke; the agent sees its request end and deletes the partial volume.
            result = context.RequestAborted.IsCancellationRequested
                ? ActionResult.Fail(ErrorCodes.Cancelled, "upload")
                : ActionResult.Fail(Failure.Of(ErrorCodes.AgentUnavailable, hostId).WithHint(HintKeys.AgentUnavailable));
            status = StatusCodes.Status502BadGateway;
        }

        Uploaded(logger, userName, hostId, target, length, result.Ok, result.ErrorCode);
        await RecordAsync(audit, userName, hostId, target, result);
        return result.Ok ? Results.Json(result, statusCode: status) : Refuse(context, result, status);
    }

    /// <summary>
    /// Answers at once and closes the connection, so the rest of a refused body is never read:
    /// Kestrel would otherwise drain it for seconds (gigabytes on a fast link) to keep the
    /// connection. With the body's limit at zero, its drain stops at the first byte.
    /// </summary>
    private static IResult Refuse(HttpContext context, ActionResult result, int status)
    {
        StopReading(context);
        return Results.Json(result, statusCode: status);
    }

    private static void StopReading(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 0;
        }

        context.Response.Headers.Connection = "close";
    }

    private static Task RecordAsync(AuditLog audit, string userName, string hostId, string target, ActionResult result) =>
        audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = Action,
            TargetHost = hostId,
            Result = result.Ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = AuditText.Sanitize(result.Ok ? target : $"{target} {result}", AuditEntry.DetailMaxLength),
        }, CancellationToken.None);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "{UserName} uploaded {Target} ({Length} bytes) to host {HostId}: ok={Ok} {ErrorCode}")]
    private static partial void Uploaded(ILogger logger, string userName, string hostId, string target, long length, bool ok, string? errorCode);
}
