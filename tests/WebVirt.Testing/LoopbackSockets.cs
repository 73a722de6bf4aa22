using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;

namespace WebVirt.Testing;

/// <summary>Connected pairs on 127.0.0.1 for relay tests: two sockets, or a WebSocket client and server over them.</summary>
public static class LoopbackSockets
{
    /// <summary>A connected TCP pair (Nagle off on the client); the caller disposes both.</summary>
    public static async Task<(Socket Client, Socket Accepted)> PairAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var connecting = client.ConnectAsync(listener.LocalEndPoint!);
        var accepted = await listener.AcceptAsync();
        await connecting;
        return (client, accepted);
    }

    /// <summary>A WebSocket client and the server end it talks to, no keep-alive pings; disposing each closes its socket.</summary>
    public static async Task<(WebSocket Client, WebSocket Server)> WebSocketPairAsync()
    {
        var (client, server) = await PairAsync();
        return (
            WebSocket.CreateFromStream(new NetworkStream(client, ownsSocket: true), new WebSocketCreationOptions { IsServer = false }),
            WebSocket.CreateFromStream(new NetworkStream(server, ownsSocket: true), new WebSocketCreationOptions { IsServer = true }));
    }
}
