using System.Globalization;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Turns any number of change notifications into at most one render per interval, so a burst of
/// pushes from agents (thousands a second) does not flood the circuit with diffs.
/// </summary>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> render) : IDisposable
{
    // Notifications arrive on the agent connection's threads, which carry the server's default
    // culture; the render must use the circuit's language, captured when the component is created.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly CancellationTokenSource _disposed = new();
    private int _scheduled;

    /// <summary>Asks for a render; cheap and safe to call from any thread.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RenderLaterAsync();
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task RenderLaterAsync()
    {
        try
        {
            await Task.Delay(interval, _disposed.Token);
            // Cleared before rendering, so changes that arrive during the render schedule another.
            Volatile.Write(ref _scheduled, 0);
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            await render();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The component went away; nothing left to render.
        }
    }
}
