using System.Net;
using System.Net.Sockets;

namespace WebVirt.Libvirt.Tests.Migration;

// Forwards every connection made to a local endpoint to a target endpoint and counts the bytes, as
// a pair of agents would carry a migration stream over their own connection.
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _pumps = [];
    private readonly Lock _gate = new();
    private readonly Task _accepting;
    private long _bytes;
    private int _connections;

    private TcpRelay(IPEndPoint listen, IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(listen);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public long BytesForwarded => Interlocked.Read(ref _bytes);

    public int Connections => Volatile.Read(ref _connections);

    public static TcpRelay Start(IPEndPoint listen, IPEndPoint target) => new(listen, target);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        Task[] pumps;
        lock (_gate)
        {
            pumps = [.. _pumps];
        }

        await Task.WhenAll(pumps).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            lock (_gate)
            {
                _pumps.Add(ForwardAsync(client));
            }
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        using (var target = new TcpClient(_target.AddressFamily))
        {
            try
            {
                await target.ConnectAsync(_target, _stop.Token);
                await Task.WhenAll(PumpAsync(client.Client, target.Client), PumpAsync(target.Client, client.Client));
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
            {
                // One side went away: the migration that used it has ended or failed on its own.
            }
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        byte[] buffer = new byte[256 * 1024];
        while (true)
        {
            int read = await from.ReceiveAsync(buffer, SocketFlags.None, _stop.Token);
            if (read == 0)
            {
                to.Shutdown(SocketShutdown.Send);
                return;
            }

            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stop.Token);
            Interlocked.Add(ref _bytes, read);
        }
    }
}
