using System.Net.WebSockets;
using WebVirt.Contracts;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Console;

/// <summary>
/// The browser's console WebSocket: checks the one-time ticket against the signed-in user, then
/// relays to the agent. Every refusal is logged and written to the audit log.
/// </summary>
public static class ConsoleEndpoints
{
    public const string OpenAction = "console-open";
    public const string RefusedAction = "console-refused";

    public const string Vnc = "vnc";
    public const string Serial = "serial";

    public static string VncPath(string hostId, string uuid) => PathFor(hostId, uuid, Vnc);

    public static string SerialPath(string hostId, string uuid) => PathFor(hostId, uuid, Serial);

    private static string PathFor(string hostId, string uuid, string kind) => $"/console/{Uri.EscapeDataString(hostId)}/{Uri.EscapeDataString(uuid)}/{kind}";

    public static IEndpointRouteBuilder MapConsoleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Not RequireAuthorization: that would answer a missing cookie with a login redirect and
        // no record; here every refusal is logged and audited alike.
        endpoints.Map("/console/{hostId}/{uuid}/{kind:regex(^(vnc|serial)$)}", RelayAsync);
        return endpoints;
    }

    private static async Task RelayAsync(string hostId, string uuid, string kind, string? ticket, HttpContext context,
        ConsoleTicketService tickets, AgentRelayClient agents, AuditLog audit, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(ConsoleEndpoints));
        var userName = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name ?? "" : "(anonymous)";
        var check = context.User.Identity?.IsAuthenticated == true
            ? await tickets.RedeemAsync(ticket, context.User, hostId, uuid, kind)
            : ConsoleTicketCheck.Forbidden;
        if (check != ConsoleTicketCheck.Accepted)
        {
            // The host and guest come from the caller's URL: bounded and cleaned before they are kept.
            var safeHost = AuditText.Sanitize(hostId, AuditEntry.HostMaxLength)!;
            var safeUuid = AuditText.Sanitize(uuid, AuditEntry.GuestUuidMaxLength)!;
            ConsoleLog.Refused(logger, userName, safeHost, safeUuid, check);
            await audit.WriteAsync(new AuditEntry
            {
                UserName = userName,
                Action = RefusedAction,
                TargetHost = safeHost,
                TargetGuestUuid = safeUuid,
                Result = AuditEntry.ResultError,
                Detail = check.ToString(),
            }, CancellationToken.None);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var browser = await context.WebSockets.AcceptWebSocketAsync();
        if (kind == Vnc)
        {
            await RelayVncAsync(browser, hostId, uuid, userName, agents, audit, logger, context.RequestAborted);
            return;
        }

        ClientWebSocket agent;
        try
        {
            agent = await agents.ConnectSerialAsync(hostId, uuid, context.RequestAborted);
        }
        catch (Exception ex) when (ex is WebSocketException or HttpRequestException or InvalidOperationException or OperationCanceledException)
        {
            ConsoleLog.AgentUnreachable(logger, ex, hostId, uuid);
            await WebSocketBridge.CloseAsync(browser, (WebSocketCloseStatus)ConsoleRelay.CloseAgentUnavailable, "The host's agent cannot be reached.");
            return;
        }

        using (agent)
        {
            await AuditOpenedAsync(audit, logger, userName, hostId, uuid, kind);
            await WebSocketBridge.RunAsync(browser, agent, ConsoleRelay.SerialBufferSize, context.RequestAborted);
        }
    }

    private static async Task RelayVncAsync(WebSocket browser, string hostId, string uuid, string userName,
        AgentRelayClient agents, AuditLog audit, ILogger logger, CancellationToken cancellationToken)
    {
        AgentVncStream agent;
        try
        {
            agent = await agents.OpenVncAsync(hostId, uuid, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or OperationCanceledException)
        {
            ConsoleLog.AgentUnreachable(logger, ex, hostId, uuid);
            await WebSocketBridge.CloseAsync(browser, (WebSocketCloseStatus)ConsoleRelay.CloseAgentUnavailable, "The host's agent cannot be reached.");
            return;
        }

        await using (agent)
        {
            if (agent.Stream is not { } stream)
            {
                // The agent said why it cannot relay (guest stopped, no VNC, unreachable): the browser learns it.
                await WebSocketBridge.CloseAsync(browser, (WebSocketCloseStatus)agent.CloseCode, agent.Reason);
                return;
            }

            await AuditOpenedAsync(audit, logger, userName, hostId, uuid, Vnc);
            await VncStreamBridge.RunAsync(browser, stream, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, cancellationToken);
        }
    }

    private static Task AuditOpenedAsync(AuditLog audit, ILogger logger, string userName, string hostId, string uuid, string kind)
    {
        ConsoleLog.Opened(logger, userName, hostId, uuid);
        return audit.WriteAsync(new AuditEntry
        {
            UserName = userName,
            Action = OpenAction,
            TargetHost = hostId,
            TargetGuestUuid = uuid,
            Result = AuditEntry.ResultOk,
            Detail = kind,
        }, CancellationToken.None);
    }
}
