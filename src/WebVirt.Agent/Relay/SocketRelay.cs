using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace WebVirt.Agent.Relay;

/// <summary>
/// Copies bytes both ways between a WebSocket and the VNC socket, one copy per direction: each
/// read lands in a pooled buffer that is sent from as it is. A direction owns two buffers, so the
/// next read overlaps the send of the previous chunk, but never more than one send is in flight:
/// a slow reader on either side holds the other back after at most two buffers, instead of filling
/// memory.
/// </summary>
public static class SocketRelay
{
    public static async Task RunAsync(WebSocket socket, Socket vnc, int bufferSize, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toSocket = VncToWebSocketAsync(vnc, socket, bufferSize, stop.Token);
        var toVnc = WebSocketToVncAsync(socket, vnc, bufferSize, stop.Token);
        await Task.WhenAny(toSocket, toVnc);
        // One side ended: the other cannot make progress any more.
        await stop.CancelAsync();
        await Task.WhenAll(Swallow(toSocket), Swallow(toVnc));
    }

    private static async Task VncToWebSocketAsync(Socket vnc, WebSocket socket, int bufferSize, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(bufferSize);
        var sending = ValueTask.CompletedTask;
        try
        {
            while (true)
            {
                var read = await vnc.ReceiveAsync(current.AsMemory(0, bufferSize), SocketFlags.None, cancellationToken);
                await sending;
                sending = ValueTask.CompletedTask;
                if (read == 0)
                {
                    await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "The VNC server closed the connection.");
                    return;
                }

                // One message per read: VNC needs no message boundaries, and holding bytes back to
                // fill larger messages would only add latency.
                sending = socket.SendAsync(current.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                (current, spare) = (spare, current);
            }
        }
        finally
        {
            // The buffers go back to the pool only once no send reads from them any more.
            await CompleteQuietlyAsync(sending);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static async Task WebSocketToVncAsync(WebSocket socket, Socket vnc, int bufferSize, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(bufferSize);
        var sending = ValueTask.CompletedTask;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(current.AsMemory(0, bufferSize), cancellationToken);
                await sending;
                sending = ValueTask.CompletedTask;
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "Closed by the console.");
                    return;
                }

                sending = SendAllAsync(vnc, current.AsMemory(0, received.Count), cancellationToken);
                (current, spare) = (spare, current);
            }
        }
        finally
        {
            await CompleteQuietlyAsync(sending);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static async ValueTask SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data, SocketFlags.None, cancellationToken)..];
        }
    }

    private static async ValueTask CompleteQuietlyAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
            // The relay is ending anyway; the send only has to be over before its buffer is reused.
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
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
            // Expected when the other direction ended first or a peer vanished.
        }
    }
}
