using System.Buffers;
using System.Net.WebSockets;

namespace WebVirt.Web.Console;

/// <summary>
/// Copies bytes both ways between the browser's WebSocket and the agent's upgraded VNC connection:
/// one loop per direction reads into a pooled buffer and writes it straight out, each write
/// awaited, so a slow browser slows the agent (and QEMU) down after one buffer instead of filling
/// this process's memory. Each read from the agent goes to the browser as one binary message: VNC
/// needs no message boundaries, and holding bytes back to fill larger messages would add latency.
/// </summary>
public static class VncStreamBridge
{
    public static Task RunAsync(WebSocket browser, Stream agent, int bufferSize, CancellationToken cancellationToken) =>
        RelayDirections.RunAsync(
            stop => ToBrowserAsync(agent, browser, bufferSize, stop),
            stop => ToAgentAsync(browser, agent, bufferSize, stop),
            cancellationToken);

    private static async Task ToBrowserAsync(Stream agent, WebSocket browser, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        try
        {
            while (true)
            {
                var read = await agent.ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken);
                if (read == 0)
                {
                    await WebSocketBridge.CloseAsync(browser, WebSocketCloseStatus.NormalClosure, "The VNC server closed the connection.");
                    return;
                }

                await browser.SendAsync(buffer.AsMemory(0, read), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
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
