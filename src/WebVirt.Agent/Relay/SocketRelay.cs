using System.Net.WebSockets;

namespace WebVirt.Agent.Relay;

/// <summary>
/// Copies bytes both ways between a WebSocket and a stream (the VNC socket). Each direction has one
/// fixed buffer and awaits each write before it reads again, so a slow reader on either side slows
/// the other instead of filling memory.
/// </summary>
public static class SocketRelay
{
    public static async Task RunAsync(WebSocket socket, Stream stream, int bufferSize, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toSocket = StreamToSocketAsync(stream, socket, bufferSize, stop.Token);
        var toStream = SocketToStreamAsync(socket, stream, bufferSize, stop.Token);
        await Task.WhenAny(toSocket, toStream);
        // One side ended: the other cannot make progress any more.
        await stop.CancelAsync();
        await Task.WhenAll(Swallow(toSocket), Swallow(toStream));
    }

    private static async Task StreamToSocketAsync(Stream stream, WebSocket socket, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferSize];
        while (true)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "The VNC server closed the connection.");
                return;
            }

            await socket.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
    }

    private static async Task SocketToStreamAsync(WebSocket socket, Stream stream, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferSize];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "Closed by the console.");
                return;
            }

            await stream.WriteAsync(buffer.AsMemory(0, received.Count), cancellationToken);
        }
    }

    public static async Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await socket.CloseOutputAsync(status, reason, timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
                // The peer is already gone; nothing is left to tell it.
            }
        }
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // Expected when the other direction ended first or a peer vanished.
        }
    }
}
