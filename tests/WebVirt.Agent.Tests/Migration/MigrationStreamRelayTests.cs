using System.Net.Sockets;
using System.Net.WebSockets;
using System.Security.Cryptography;
using WebVirt.Agent.Migration;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Migration;

/// <summary>
/// One relay between a loopback socket (QEMU's side) and a WebSocket (the far agent's side): every byte
/// arrives in order, the socket's end becomes the WebSocket's close while the other direction goes on
/// (TCP's half-close), and a stop ends a relay whose socket is silent.
/// </summary>
public sealed class MigrationStreamRelayTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_stream_crosses_intact_and_the_other_direction_goes_on_after_the_socket_side_ended()
    {
        await using var ends = await Ends.OpenAsync();
        var relay = MigrationStreamRelay.RunAsync(ends.RelayWebSocket, ends.RelaySocket, CancellationToken.None);

        // QEMU's side writes 8 MiB in uneven pieces, then says it is done.
        var sent = RandomNumberGenerator.GetBytes(8 * 1024 * 1024);
        var writing = Task.Run(async () =>
        {
            for (int at = 0, piece = 1000; at < sent.Length; at += piece, piece = piece * 7 % 65_521 + 1)
            {
                await ends.Qemu.SendAsync(sent.AsMemory(at, Math.Min(piece, sent.Length - at)), SocketFlags.None);
            }

            ends.Qemu.Shutdown(SocketShutdown.Send);
        });
        var received = await ReadUntilCloseAsync(ends.Far).WaitAsync(Limit);
        await writing;
        Assert.Equal(sent, received);
        Assert.False(relay.IsCompleted);

        // The far side still answers after QEMU's end, and its close ends the relay and QEMU's socket.
        await ends.Far.SendAsync("answer"u8.ToArray(), WebSocketMessageType.Binary, true, CancellationToken.None);
        await ends.Far.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        var answer = new byte[16];
        var n = await ends.Qemu.ReceiveAsync(answer, SocketFlags.None).WaitAsync(Limit);
        Assert.Equal("answer"u8.ToArray(), answer[..n]);
        Assert.Equal(0, await ends.Qemu.ReceiveAsync(answer, SocketFlags.None).WaitAsync(Limit));
        await relay.WaitAsync(Limit);
    }

    [Fact]
    public async Task A_stop_ends_a_relay_whose_socket_is_silent()
    {
        await using var ends = await Ends.OpenAsync();
        using var stop = new CancellationTokenSource();
        var relay = MigrationStreamRelay.RunAsync(ends.RelayWebSocket, ends.RelaySocket, stop.Token);
        await Task.Delay(200);
        Assert.False(relay.IsCompleted);

        await stop.CancelAsync();
        await relay.WaitAsync(Limit);
    }

    private static async Task<byte[]> ReadUntilCloseAsync(WebSocket webSocket)
    {
        using var all = new MemoryStream();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await webSocket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return all.ToArray();
            }

            all.Write(buffer, 0, result.Count);
        }
    }

    /// <summary>QEMU's socket and the relay's end of it; the relay's WebSocket and the far agent's end of it.</summary>
    private sealed class Ends : IAsyncDisposable
    {
        private readonly IDisposable[] _owned;

        private Ends(Socket qemu, Socket relaySocket, WebSocket relayWebSocket, WebSocket far, IDisposable[] owned)
        {
            (Qemu, RelaySocket, RelayWebSocket, Far, _owned) = (qemu, relaySocket, relayWebSocket, far, owned);
        }

        public Socket Qemu { get; }

        public Socket RelaySocket { get; }

        public WebSocket RelayWebSocket { get; }

        public WebSocket Far { get; }

        public static async Task<Ends> OpenAsync()
        {
            var (qemu, relaySocket) = await LoopbackSockets.PairAsync();
            var (relayWebSocket, farWebSocket) = await LoopbackSockets.WebSocketPairAsync();
            return new Ends(qemu, relaySocket, relayWebSocket, farWebSocket, [qemu, relaySocket, relayWebSocket, farWebSocket]);
        }

        public ValueTask DisposeAsync()
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
