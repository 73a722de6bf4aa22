using System.Net.WebSockets;

namespace WebVirt.Web.Console;

/// <summary>
/// Runs a console relay's two directions until one of them ends, then stops the other: it cannot make
/// progress once its peer is gone. The stopped direction's expected endings (cancelled, a peer that
/// vanished) are not errors.
/// </summary>
internal static class RelayDirections
{
    public static async Task RunAsync(Func<CancellationToken, Task> toBrowser, Func<CancellationToken, Task> toAgent, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var down = toBrowser(stop.Token);
        var up = toAgent(stop.Token);
        await Task.WhenAny(down, up);
        await stop.CancelAsync();
        await Task.WhenAll(Swallow(down), Swallow(up));
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
