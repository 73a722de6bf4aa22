using System.Net.Sockets;

namespace WebVirt.Agent.Relay;

/// <summary>
/// Copies bytes both ways between the web's upgraded connection and the guest's VNC socket, as
/// they are: one loop per direction reads into a pooled buffer and writes it straight out, each
/// write awaited, so a slow reader on either side holds the other back after one buffer instead
/// of filling memory. When one direction ends the other is stopped and both connections close.
/// </summary>
public static class VncStreamRelay
{
    public static async Task RunAsync(Stream web, Socket vnc, int screenBufferSize, int inputBufferSize, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await using var vncStream = new NetworkStream(vnc, ownsSocket: false);
        var toWeb = vncStream.CopyToAsync(web, screenBufferSize, stop.Token);
        var toVnc = web.CopyToAsync(vncStream, inputBufferSize, stop.Token);
        await Task.WhenAny(toWeb, toVnc);
        // One side ended: the other cannot make progress any more.
        await stop.CancelAsync();
        await Task.WhenAll(Swallow(toWeb), Swallow(toVnc));
    }

    private static async Task Swallow(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Expected when the other direction ended first or a peer vanished.
        }
    }
}
