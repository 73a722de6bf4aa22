using Microsoft.AspNetCore.Http.Features;
using WebVirt.Contracts;

namespace WebVirt.Agent.Relay;

/// <summary>
/// The console relays: the web, holding the agent's token, opens the VNC relay here as an upgraded
/// HTTP/1.1 connection (the serial relay as a WebSocket) and the agent connects it to the guest's
/// VNC server on loopback (to the guest's serial stream). Browsers never reach these endpoints.
/// </summary>
public static class RelayEndpoints
{
    public static void MapRelayEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/relay/vnc/{uuid}/info", InfoAsync);
        app.Map("/relay/vnc/{uuid}", RelayVncAsync);
        app.Map("/relay/serial/{uuid}", RelaySerialAsync);
    }

    private static async Task RelaySerialAsync(string uuid, HttpContext context, WebVirt.Agent.Session.LibvirtSession session, ILoggerFactory loggers)
    {
        if (!IsAuthenticated(context, loggers))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await SerialRelay.RunAsync(uuid, socket, session, loggers.CreateLogger(typeof(SerialRelay)), context.RequestAborted);
    }

    private static async Task<IResult> InfoAsync(string uuid, HttpContext context, VncLookup lookup, ILoggerFactory loggers)
    {
        if (!IsAuthenticated(context, loggers))
        {
            return Results.Unauthorized();
        }

        var result = await lookup.FindAsync(uuid, context.RequestAborted);
        return result.CloseCode == ConsoleRelay.CloseNoSuchGuest ? Results.NotFound() : Results.Ok(result.ToInfo());
    }

    private static async Task RelayVncAsync(string uuid, HttpContext context, VncLookup lookup, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(RelayEndpoints));
        if (!IsAuthenticated(context, loggers))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // A raw byte stream after an HTTP/1.1 Upgrade, not a WebSocket: the web already frames for
        // the browser, and a second framing here only cost copies and CPU on both sides.
        var upgrade = context.Features.Get<IHttpUpgradeFeature>();
        if (upgrade is not { IsUpgradableRequest: true }
            || !string.Equals(context.Request.Headers.Upgrade, ConsoleRelay.VncStreamProtocol, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var found = await lookup.FindAsync(uuid, context.RequestAborted);
        if (found.Target is not { } target)
        {
            RelayLog.NotOpened(logger, uuid, found.Problem ?? "");
            await RefuseAsync(context, found.CloseCode, found.Problem ?? "");
            return;
        }

        using var vnc = await VncConnector.ConnectAsync(target, logger, uuid, context.RequestAborted);
        if (vnc is null)
        {
            await RefuseAsync(context, ConsoleRelay.CloseVncUnreachable, "The guest's VNC server cannot be reached.");
            return;
        }

        context.Response.Headers.Upgrade = ConsoleRelay.VncStreamProtocol;
        await using var web = await upgrade.UpgradeAsync();
        await VncStreamRelay.RunAsync(web, vnc, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, context.RequestAborted);
        RelayLog.Closed(logger, uuid);
    }

    // Refused instead of upgraded: the close code the web passes on to the browser and its reason.
    // The codes are 4000 + an HTTP status (4404 no such guest, 4502 unreachable), so that is the status.
    private static Task RefuseAsync(HttpContext context, int closeCode, string reason)
    {
        context.Response.StatusCode = closeCode - 4000;
        context.Response.Headers[ConsoleRelay.CloseCodeHeader] = closeCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(reason, context.RequestAborted);
    }

    private static bool IsAuthenticated(HttpContext context, ILoggerFactory loggers)
    {
        // The agent token scheme is the default, so the user is already authenticated (or not) here;
        // checking in the endpoint lets a missing token be logged like a wrong one.
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return true;
        }

        RelayLog.Unauthenticated(loggers.CreateLogger(typeof(RelayEndpoints)), context.Connection.RemoteIpAddress?.ToString() ?? "?", Logging.SafeLogText.Of(context.Request.Path));
        return false;
    }
}
