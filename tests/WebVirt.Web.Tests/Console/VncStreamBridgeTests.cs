using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using WebVirt.Contracts;
using WebVirt.Web.Console;

namespace WebVirt.Web.Tests.Console;

/// <summary>
/// The web's VNC relay between the browser's WebSocket and the agent's byte stream: what one read of the screen's
/// bytes brings goes to the browser as one message, up to the screen buffer (fewer, larger messages cost the web less
/// CPU per MB), and what the browser types reaches the VNC side intact through the smaller input buffer.
/// </summary>
public sealed class VncStreamBridgeTests
{
    [Fact]
    public async Task A_read_of_the_screen_goes_to_the_browser_as_one_message_up_to_the_screen_buffer()
    {
        byte[] screen = RandomBytes(ConsoleRelay.ScreenBufferSize + (44 * 1024));
        await using var pair = await WebSocketPair.OpenAsync();
        using var agent = new ScriptedVncStream(screen, endAfterScreen: true);

        var relay = VncStreamBridge.RunAsync(pair.Server, agent, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, CancellationToken.None);
        var messages = await ReceiveUntilCloseAsync(pair.Client);
        await relay.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([ConsoleRelay.ScreenBufferSize, 44 * 1024], messages.Select(m => m.Length));
        Assert.Equal(screen, messages.SelectMany(m => m).ToArray());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, pair.Client.CloseStatus);
    }

    [Fact]
    public async Task A_message_larger_than_the_input_buffer_reaches_the_vnc_side_whole_and_in_order()
    {
        byte[] typed = RandomBytes((ConsoleRelay.InputBufferSize * 2) + 100);
        await using var pair = await WebSocketPair.OpenAsync();
        using var agent = new ScriptedVncStream([], endAfterScreen: false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var relay = VncStreamBridge.RunAsync(pair.Server, agent, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, stop.Token);
        await pair.Client.SendAsync(typed, WebSocketMessageType.Binary, endOfMessage: true, stop.Token);
        while (agent.Written.Length < typed.Length && !stop.IsCancellationRequested)
        {
            await Task.Delay(10, stop.Token);
        }

        Assert.Equal(typed, agent.Written);
        Assert.All(agent.WriteSizes, size => Assert.True(size <= ConsoleRelay.InputBufferSize, $"a write of {size} bytes"));
        await stop.CancelAsync();
        await relay;
    }

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<List<byte[]>> ReceiveUntilCloseAsync(WebSocket client)
    {
        var messages = new List<byte[]>();
        var buffer = new byte[ConsoleRelay.ScreenBufferSize * 2];
        while (true)
        {
            int count = 0;
            ValueWebSocketReceiveResult received;
            do
            {
                received = await client.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                count += received.Count;
            }
            while (!received.EndOfMessage);

            if (received.MessageType == WebSocketMessageType.Close)
            {
                return messages;
            }

            messages.Add(buffer[..count]);
        }
    }

    /// <summary>A WebSocket server end (the browser's socket as the web holds it) and its client over loopback TCP.</summary>
    private sealed class WebSocketPair : IAsyncDisposable
    {
        private readonly TcpClient _serverSide;
        private readonly TcpClient _clientSide;

        private WebSocketPair(TcpClient serverSide, TcpClient clientSide)
        {
            (_serverSide, _clientSide) = (serverSide, clientSide);
            Server = WebSocket.CreateFromStream(serverSide.GetStream(), isServer: true, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
            Client = WebSocket.CreateFromStream(clientSide.GetStream(), isServer: false, subProtocol: null, keepAliveInterval: TimeSpan.Zero);
        }

        public WebSocket Server { get; }

        public WebSocket Client { get; }

        public static async Task<WebSocketPair> OpenAsync()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                var client = new TcpClient();
                var accepting = listener.AcceptTcpClientAsync();
                await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
                return new WebSocketPair(await accepting, client);
            }
            finally
            {
                listener.Stop();
            }
        }

        public ValueTask DisposeAsync()
        {
            Server.Dispose();
            Client.Dispose();
            _serverSide.Dispose();
            _clientSide.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
