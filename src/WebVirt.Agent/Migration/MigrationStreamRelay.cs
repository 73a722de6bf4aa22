using System.Buffers;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace WebVirt.Agent.Migration;

/// <summary>
/// Carries one migration stream between a socket and a WebSocket, both ways, with TCP's half-close:
/// when one side has said all it will say, the other direction goes on until its side is done too.
/// The console relay may drop both directions when one ends; a migration stream may not, because
/// tearing the connection down while the far side still reads would throw away the end of the stream
/// (the guest's last memory pages and device state). Each direction reads into two pooled buffers and
/// never has more than one send in flight, so a stream holds at most four buffers however slow a side is.
/// </summary>
internal static class MigrationStreamRelay
{
    /// <summary>How long the other direction may go on after one ended cleanly.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(60);

    public static async Task RunAsync(WebSocket webSocket, Socket socket, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toWebSocket = SocketToWebSocketAsync(socket, webSocket, stop.Token);
        var toSocket = WebSocketToSocketAsync(webSocket, socket, stop.Token);
        var first = await Task.WhenAny(toWebSocket, toSocket);
        var other = first == toWebSocket ? toSocket : toWebSocket;
        if (!first.IsCompletedSuccessfully)
        {
            // A broken side: nothing more can arrive on the other either.
            await stop.CancelAsync();
        }
        else if (await Task.WhenAny(other, Task.Delay(DrainLimit, CancellationToken.None)) != other)
        {
            await stop.CancelAsync();
        }

        await Task.WhenAll(Quietly(toWebSocket), Quietly(toSocket));
    }

    private static async Task SocketToWebSocketAsync(Socket socket, WebSocket webSocket, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(MigrationStreams.BufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(MigrationStreams.BufferSize);
        var sending = ValueTask.CompletedTask;
        try
        {
            while (true)
            {
                var read = await socket.ReceiveAsync(current.AsMemory(0, MigrationStreams.BufferSize), SocketFlags.None, cancellationToken);
                await sending;
                sending = ValueTask.CompletedTask;
                if (read == 0)
                {
                    if (webSocket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
                    }

                    return;
                }

                sending = webSocket.SendAsync(current.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                (current, spare) = (spare, current);
            }
        }
        finally
        {
            await Quietly(sending.AsTask());
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static async Task WebSocketToSocketAsync(WebSocket webSocket, Socket socket, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(MigrationStreams.BufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(MigrationStreams.BufferSize);
        var sending = Task.CompletedTask;
        try
        {
            while (true)
            {
                var received = await webSocket.ReceiveAsync(current.AsMemory(0, MigrationStreams.BufferSize), cancellationToken);
                await sending;
                sending = Task.CompletedTask;
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    // The far side has sent everything: pass the end on, keep the other direction open.
                    ShutdownSend(socket);
                    return;
                }

                sending = SendAllAsync(socket, current.AsMemory(0, received.Count), cancellationToken);
                (current, spare) = (spare, current);
            }
        }
        finally
        {
            await Quietly(sending);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static void ShutdownSend(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (SocketException)
        {
            // The local side is already gone; it has nothing more to receive.
        }
    }

    private static async Task SendAllAsync(Socket socket, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            data = data[await socket.SendAsync(data, SocketFlags.None, cancellationToken)..];
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or SocketException or ObjectDisposedException)
        {
            // A side went away or the relay was stopped: the migration sees its stream end and reports it.
        }
    }
}
