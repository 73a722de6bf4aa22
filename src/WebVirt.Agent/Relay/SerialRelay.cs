using System.Buffers;
using System.Net.WebSockets;
using System.Xml.Linq;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Relay;

/// <summary>
/// Relays a guest's serial console (virDomainOpenConsole, a libvirt stream) to a WebSocket. The
/// stream's receive queue is bounded and each chunk is sent and awaited before the next is taken,
/// so a slow browser pauses the console instead of growing memory.
/// </summary>
public static class SerialRelay
{
    // Chunks libvirt may queue before the event loop stops reading from the guest.
    private const int MaxQueuedChunks = 16;

    public static async Task RunAsync(string uuid, WebSocket socket, LibvirtSession session, ILogger logger, CancellationToken cancellationToken)
    {
        LibvirtStream? stream;
        string? problem;
        int closeCode;
        try
        {
            (stream, closeCode, problem) = await session.RunAsync(connection => Open(connection, uuid), cancellationToken);
        }
        catch (LibvirtException ex)
        {
            (stream, closeCode, problem) = (null, ex.Code == LibvirtErrorCodes.NoDomain ? ConsoleRelay.CloseNoSuchGuest : ConsoleRelay.CloseNoSerial, ex.Message);
        }
        catch (LibvirtUnavailableException ex)
        {
            (stream, closeCode, problem) = (null, ConsoleRelay.CloseAgentUnavailable, ex.Message);
        }

        if (stream is null)
        {
            RelayLog.NotOpened(logger, uuid, problem ?? "");
            await WebSocketClose.CloseAsync(socket, (WebSocketCloseStatus)closeCode, problem ?? "");
            return;
        }

        RelayLog.Opened(logger, uuid, "serial console");
        try
        {
            stream.StartReceiving(MaxQueuedChunks);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var toSocket = StreamToSocketAsync(stream, socket, stop.Token);
            var toStream = SocketToStreamAsync(socket, stream, stop.Token);
            await Task.WhenAny(toSocket, toStream);
            await stop.CancelAsync();
            await Task.WhenAll(Swallow(toSocket), Swallow(toStream));
        }
        finally
        {
            // Aborting talks to libvirtd; keep it off the request thread like every libvirt call.
            await Task.Run(stream.Dispose, CancellationToken.None);
            RelayLog.Closed(logger, uuid);
        }
    }

    private static (LibvirtStream?, int, string?) Open(LibvirtConnection connection, string uuid)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return (null, ConsoleRelay.CloseNoSuchGuest, "Not a guest UUID.");
        }

        using var domain = connection.LookupDomainByUuid(uuid);
        if (!domain.IsActive())
        {
            return (null, ConsoleRelay.CloseGuestNotRunning, "The guest is not running.");
        }

        var devices = XDocument.Parse(domain.GetXmlDesc()).Root?.Element("devices");
        if (devices is null || !devices.Elements("serial").Concat(devices.Elements("console")).Any())
        {
            return (null, ConsoleRelay.CloseNoSerial, "The guest has no serial console.");
        }

        // Force: a console left open by a closed browser tab must not lock the user out.
        return (domain.OpenConsole(null, ConsoleFlags.Force), 0, null);
    }

    private static async Task StreamToSocketAsync(LibvirtStream stream, WebSocket socket, CancellationToken cancellationToken)
    {
        while (true)
        {
            var chunk = await stream.ReceiveAsync(cancellationToken);
            if (chunk.IsEmpty)
            {
                await WebSocketClose.CloseAsync(socket, (WebSocketCloseStatus)ConsoleRelay.CloseGuestNotRunning, "The serial console ended.");
                return;
            }

            await socket.SendAsync(chunk, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
    }

    private static async Task SocketToStreamAsync(WebSocket socket, LibvirtStream stream, CancellationToken cancellationToken)
    {
        // Keystrokes are small; a pooled buffer keeps an open console from holding its own array.
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await WebSocketClose.CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "Closed by the console.");
                    return;
                }

                await stream.SendAsync(buffer.AsMemory(0, received.Count), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException or LibvirtException)
        {
            // Expected when the other direction ended first, the guest stopped or a peer vanished.
        }
    }
}
