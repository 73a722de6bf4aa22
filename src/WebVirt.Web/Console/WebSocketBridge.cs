using System.Net.WebSockets;

namespace WebVirt.Web.Console;

/// <summary>
/// Copies messages both ways between the browser's WebSocket and the agent's. Each direction has
/// one fixed buffer and awaits each send before it receives again, so a slow browser slows the
/// agent (and QEMU) down instead of filling this process's memory. A close from one side is passed
/// on with its code and reason, so the browser learns why the agent ended the relay.
/// </summary>
public static class WebSocketBridge
{
    public static async Task RunAsync(WebSocket browser, WebSocket agent, int bufferSize, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var toBrowser = PumpAsync(agent, browser, bufferSize, stop.Token);
        var toAgent = PumpAsync(browser, agent, bufferSize, stop.Token);
        await Task.WhenAny(toBrowser, toAgent);
        await stop.CancelAsync();
        await Task.WhenAll(Swallow(toBrowser), Swallow(toAgent));
    }

    private static async Task PumpAsync(WebSocket from, WebSocket to, int bufferSize, CancellationToken cancellationToken)
    {
        var buffer = new byte[bufferSize];
        while (true)
        {
            var received = await from.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(to, from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription ?? "");
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, received.Count), received.MessageType, received.EndOfMessage, cancellationToken);
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
