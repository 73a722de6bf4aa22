using System.Buffers;
using System.Net.WebSockets;

namespace WebVirt.Web.Console;

/// <summary>
/// Copies messages both ways between the browser's WebSocket and the agent's, one copy per
/// direction: a message lands in a pooled buffer and is sent from it as one frame (type and end of
/// message kept; a message larger than the buffer goes on in buffer-sized parts). A direction owns
/// two buffers, so the next receive overlaps the send of the previous frame, but never more than
/// one send is in flight: a slow browser slows the agent (and QEMU) down after at most two buffers
/// instead of filling this process's memory. A close from one side is passed on with its code and
/// reason, so the browser learns why the agent ended the relay.
/// </summary>
public static class WebSocketBridge
{
    public static Task RunAsync(WebSocket browser, WebSocket agent, int bufferSize, CancellationToken cancellationToken) =>
        RelayDirections.RunAsync(
            stop => PumpAsync(agent, browser, bufferSize, stop),
            stop => PumpAsync(browser, agent, bufferSize, stop),
            cancellationToken);

    private static async Task PumpAsync(WebSocket from, WebSocket to, int bufferSize, CancellationToken cancellationToken)
    {
        var current = ArrayPool<byte>.Shared.Rent(bufferSize);
        var spare = ArrayPool<byte>.Shared.Rent(bufferSize);
        var sending = ValueTask.CompletedTask;
        try
        {
            while (true)
            {
                var received = await from.ReceiveAsync(current.AsMemory(0, bufferSize), cancellationToken);
                var count = received.Count;
                // A receive returns what one socket read brought, often part of a message. The rest
                // of the message is already on its way, so gathering it costs no latency and sends
                // the browser one frame where there would be several.
                while (!received.EndOfMessage && received.MessageType != WebSocketMessageType.Close && count < bufferSize)
                {
                    received = await from.ReceiveAsync(current.AsMemory(count, bufferSize - count), cancellationToken);
                    count += received.Count;
                }

                await sending;
                sending = ValueTask.CompletedTask;
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await CloseAsync(to, from.CloseStatus ?? WebSocketCloseStatus.NormalClosure, from.CloseStatusDescription ?? "");
                    return;
                }

                sending = to.SendAsync(current.AsMemory(0, count), received.MessageType, received.EndOfMessage, cancellationToken);
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

    internal static async ValueTask CompleteQuietlyAsync(ValueTask sending)
    {
        try
        {
            await sending;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
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
}
