using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Logging;

namespace WebVirt.Agent.Migration;

/// <summary>
/// The destination's side of the migration tunnel: a source agent holding a grant's token opens a
/// WebSocket per stream, and this agent connects it to its own libvirtd socket (control) or to the
/// port its QEMU listens on for the incoming migration (memory, disks) on its migration listen
/// address (loopback). Nothing else can be reached through here.
/// </summary>
internal static class MigrationStreamEndpoints
{
    public static void MapMigrationStreams(this IEndpointRouteBuilder app)
    {
        app.MapGet("/migration/{grantId}", (string grantId, HttpContext context, IncomingMigrations grants) =>
            grants.Peek(grantId, context.Request.Headers[MigrationStreams.TokenHeader].FirstOrDefault()) switch
            {
                IncomingMigrations.Check.Valid => Results.NoContent(),
                IncomingMigrations.Check.Used => Results.Conflict(),
                _ => Results.NotFound(),
            });
        app.Map("/migration/{grantId}/{channel}", RelayAsync);
    }

    private static async Task RelayAsync(
        string grantId, string channel, HttpContext context, IncomingMigrations grants, IOptions<AgentOptions> options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(MigrationStreamEndpoints));
        var token = context.Request.Headers[MigrationStreams.TokenHeader].FirstOrDefault();
        var remote = context.Connection.RemoteIpAddress?.ToString() ?? "?";
        var safeGrant = SafeLogText.Of(grantId);
        var safeChannel = SafeLogText.Of(channel);
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        IDisposable? lease = null;
        EndPoint target;
        if (channel == MigrationStreams.Control)
        {
            (var check, lease) = grants.OpenControl(grantId, token);
            if (check != IncomingMigrations.Check.Valid || LibvirtSocketPath.From(options.Value.LibvirtUri) is not { } socketPath)
            {
                lease?.Dispose();
                MigrationLog.StreamRefused(logger, remote, safeGrant, safeChannel, check.ToString());
                context.Response.StatusCode = check == IncomingMigrations.Check.Valid ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden;
                return;
            }

            target = new UnixDomainSocketEndPoint(socketPath);
        }
        else if (channel is MigrationStreams.Memory or MigrationStreams.Disks
            && int.TryParse(context.Request.Query["port"], out var port) && port is >= 1024 and <= 65535
            && IPAddress.TryParse(options.Value.MigrationListenAddress, out var listen))
        {
            var check = grants.AllowData(grantId, token);
            if (check != IncomingMigrations.Check.Valid)
            {
                MigrationLog.StreamRefused(logger, remote, safeGrant, safeChannel, check.ToString());
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            target = new IPEndPoint(listen, port);
        }
        else
        {
            MigrationLog.StreamRefused(logger, remote, safeGrant, safeChannel, "unknown stream");
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using (lease)
        {
            using var socket = target is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(((IPEndPoint)target).AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(target, context.RequestAborted);
            }
            catch (SocketException ex)
            {
                MigrationLog.StreamRefused(logger, remote, safeGrant, safeChannel, $"connecting to {target} failed: {ex.Message}");
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            using var webSocket = await context.WebSockets.AcceptWebSocketAsync();
            MigrationLog.StreamOpened(logger, safeGrant, safeChannel, target.ToString() ?? "");
            await MigrationStreamRelay.RunAsync(webSocket, socket, context.RequestAborted);
            MigrationLog.StreamClosed(logger, safeGrant, safeChannel);
        }
    }
}
