using System.Net.WebSockets;

namespace WebVirt.Agent.Relay;

/// <summary>Ends a relay's WebSocket with a code and reason the web passes on to the browser.</summary>
public static class WebSocketClose
{
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
