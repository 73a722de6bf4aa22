using System.Buffers;
using System.Net.WebSockets;

namespace WebVirt.Web.Console;

/// <summary>
/// Copies bytes both ways between the browser's WebSocket and the agent's upgraded VNC connection:
/// one loop per direction reads into pooled buffers. Towards the browser a direction owns two buffers
/// and reads into one while the other is being sent, never more than one send in flight, so a slow
/// browser slows the agent (and QEMU) down after two buffers instead of filling this process's memory.
/// Each read goes to the browser as one binary message: VNC needs no message boundaries, and holding
/// bytes back to fill larger messages would add latency.
/// </summary>
public static class VncStreamBridge
{
    public static Task RunAsync(WebSocket browser, Stream agent, int screenBufferSize, int inputBufferSize, CancellationToken cancellationToken) =>
        RelayDirections.RunAsync(
            stop => ToBrowserAsync(agent, browser, screenBufferSize, stop),
            stop => ToAgentAsync(browser, agent, inputBufferSize, stop),
            cancellationToken);

    private static async Task ToBrowserAsync(Stream agent, WebSocket browser, int bufferSize, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(bufferSize);
        var sending = ValueTask.CompletedTask;
        try
        {
            while (true)
            {
                // The next read overlaps the send of the previous one: a message of a full buffer is more than
                // Kestrel lets wait in its output pipe (MaxResponseBufferSize, 64 KiB), so its flush waits for
                // Kestrel's socket sender; reading during that wait instead of after it keeps both sockets busy.
                var read = await agent.ReadAsync(current.AsMemory(0, bufferSize), cancellationToken);
                // Taken out before it is awaited: a ValueTask may be awaited once, and the finally block awaits what is left.
                var sent = sending;
                sending = ValueTask.CompletedTask;
                await sent;
                if (read == 0)
                {
                    await WebSocketBridge.CloseAsync(browser, WebSocketCloseStatus.NormalClosure, "The VNC server closed the connection.");
                    return;
                }

                sending = browser.SendAsync(current.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                (current, spare) = (spare, current);
            }
        }
        finally
        {
            // The buffers go back to the pool only once no send reads from them any more.
            await WebSocketBridge.CompleteQuietlyAsync(sending);
            ArrayPool<byte>.Shared.Return(current);
            ArrayPool<byte>.Shared.Return(spare);
        }
    }

    private static async Task ToAgentAsync(WebSocket browser, Stream agent, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (true)
            {
                var received = await browser.ReceiveAsync(buffer.AsMemory(0, bufferSize), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await WebSocketBridge.CloseAsync(browser, WebSocketCloseStatus.NormalClosure, "Closed by the console.");
                    return;
                }

                await agent.WriteAsync(buffer.AsMemory(0, received.Count), cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
