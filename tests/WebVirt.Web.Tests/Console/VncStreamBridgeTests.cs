using System.Net.WebSockets;
using WebVirt.Contracts;
using WebVirt.Testing;
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
        var (client, server) = await LoopbackSockets.WebSocketPairAsync();
        using var browser = client;
        using var web = server;
        using var agent = new ScriptedVncStream(screen, endAfterScreen: true);

        var relay = VncStreamBridge.RunAsync(web, agent, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, CancellationToken.None);
        var messages = await ReceiveUntilCloseAsync(browser);
        await relay.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([ConsoleRelay.ScreenBufferSize, 44 * 1024], messages.Select(m => m.Length));
        Assert.Equal(screen, messages.SelectMany(m => m).ToArray());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, browser.CloseStatus);
    }

    [Fact]
    public async Task A_message_larger_than_the_input_buffer_reaches_the_vnc_side_whole_and_in_order()
    {
        byte[] typed = RandomBytes((ConsoleRelay.InputBufferSize * 2) + 100);
        var (client, server) = await LoopbackSockets.WebSocketPairAsync();
        using var browser = client;
        using var web = server;
        using var agent = new ScriptedVncStream([], endAfterScreen: false);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var relay = VncStreamBridge.RunAsync(web, agent, ConsoleRelay.ScreenBufferSize, ConsoleRelay.InputBufferSize, stop.Token);
        await browser.SendAsync(typed, WebSocketMessageType.Binary, endOfMessage: true, stop.Token);
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
}
