using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Audit;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

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
        IHttpClientFactory clients, AuditLog audit, RightsEvaluator rights, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UploadEndpoints));
        var user = context.User;
        var userName = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "(anonymous)";
        var target = $"{pool}/{name}";
        // Never more than the size the ticket was issued for; without a length nothing is read.
        AgentUploadRelay.LimitBody(context);

        if (context.Request.ContentLength is not long length)
        {
            var noLength = ActionResult.Fail(ErrorCodes.UploadNoLength);
            await AgentUploadRelay.RecordAsync(audit, userName, hostId, target, noLength);
            return Refuse(context, noLength, StatusCodes.Status411LengthRequired);
        }

        // The storage gateway's rule for a change in a pool: manage storage on it, its host or everything.
        if (!(await rights.ForAsync(user)).AllowsPool(Permission.ManageStorage, hostId, pool)
            || !tickets.Redeem(context.Request.Headers[TicketHeader], userName, hostId, pool, name, length))
        {
            await AgentUploadRelay.RecordAsync(audit, userName, hostId, target, ActionResult.Fail(ErrorCodes.UploadNoTicket));
            AgentUploadRelay.StopReading(context);
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (agents.Find(hostId) is null)
        {
            return Results.NotFound();
        }

        var (result, status) = await AgentUploadRelay.SendAsync(context, agents, clients, hostId, pool, name, userName, length);
        Uploaded(logger, userName, hostId, target, length, result.Ok, result.ErrorCode);
        await AgentUploadRelay.RecordAsync(audit, userName, hostId, target, result);
        return result.Ok ? Results.Json(result, statusCode: status) : Refuse(context, result, status);
    }

    /// <summary>Answers at once and closes the connection, so the rest of a refused body is never read.</summary>
    private static IResult Refuse(HttpContext context, ActionResult result, int status)
    {
        AgentUploadRelay.StopReading(context);
        return Results.Json(result, statusCode: status);
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Information,
        Message = "{UserName} uploaded {Target} ({Length} bytes) to host {HostId}: ok={Ok} {ErrorCode}")]
    private static partial void Uploaded(ILogger logger, string userName, string hostId, string target, long length, bool ok, string? errorCode);
}
