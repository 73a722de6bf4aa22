using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace WebVirt.Bench;

/// <summary>
/// The stand-in for QEMU's VNC server: a TcpListener on 127.0.0.1 that, per connection, answers
/// 'S' + 8-byte length with that many bytes, and 'P' + 64 bytes with the same 64 bytes (a ping).
/// One connection carries every measurement, because a WebVirt console ticket is good for one.
/// </summary>
internal sealed class RelaySource : IAsyncDisposable
{
    public const int PingSize = 64;
    private const int ChunkSize = 64 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public RelaySource()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = ServeAsync(client);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var chunk = new byte[ChunkSize];
            Random.Shared.NextBytes(chunk);
            var command = new byte[1 + PingSize];
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    if (await stream.ReadAsync(command.AsMemory(0, 1), _stop.Token) == 0)
                    {
                        return;
                    }

                    if (command[0] == (byte)'P')
                    {
                        await stream.ReadExactlyAsync(command.AsMemory(1, PingSize), _stop.Token);
                        await stream.WriteAsync(command.AsMemory(1, PingSize), _stop.Token);
                    }
                    else if (command[0] == (byte)'S')
                    {
                        await stream.ReadExactlyAsync(command.AsMemory(1, 8), _stop.Token);
                        var remaining = BinaryPrimitives.ReadInt64BigEndian(command.AsSpan(1, 8));
                        while (remaining > 0)
                        {
                            var n = (int)Math.Min(remaining, chunk.Length);
                            await stream.WriteAsync(chunk.AsMemory(0, n), _stop.Token);
                            remaining -= n;
                        }
                    }
                    else
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException)
            {
                // The client went away or the source is stopping.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
