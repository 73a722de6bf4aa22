using System.Globalization;
using WebVirt.Web.Agents;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Turns any number of change notifications into at most one render per interval, so a burst of
/// pushes from agents (thousands a second) does not flood the circuit with diffs; and renders a
/// change a user waits for (a guest's new state) at once, folding those that arrive during a render
/// into one more render right after it. Given the circuit's <see cref="CircuitConnection"/>, it renders
/// nothing while the browser is away (a closed tab's retained circuit) and once when it is back.
/// </summary>
public sealed class RenderThrottle : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Func<Task> _render;
    private readonly CircuitConnection? _connection;
    private readonly IDisposable? _reconnected;

    // Notifications arrive on the agent connection's threads, which carry the server's default
    // culture; the render must use the circuit's language, captured when the component is created.
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _disposed = new();
    private int _scheduled;

    // 1: a render was skipped while the browser was away.
    private int _missed;

    // 0: no render at once under way; 1: one under way; 2: one under way and another asked for.
    private int _urgent;

    public RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider? time = null, CircuitConnection? connection = null)
    {
        _interval = interval;
        _render = render;
        _time = time ?? TimeProvider.System;
        _connection = connection;
        _reconnected = connection?.OnUp(() =>
        {
            if (Interlocked.Exchange(ref _missed, 0) == 1)
            {
                RequestNow();
            }
        });
    }

    /// <summary>Asks for a render within the interval; cheap and safe to call from any thread.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            _ = RenderLaterAsync();
        }
    }

    /// <summary>Asks for a render now; cheap and safe to call from any thread, never renders on the caller's.</summary>
    public void RequestNow()
    {
        while (true)
        {
            var urgent = Volatile.Read(ref _urgent);
            if (urgent == 2)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _urgent, urgent + 1, urgent) == urgent)
            {
                if (urgent == 0)
                {
                    // Off the caller's thread: it is the agent connection's, which serves every other page too.
                    _ = Task.Run(RenderNowAsync);
                }

                return;
            }
        }
    }

    /// <summary>A change of state at once, a change of usage figures only within the interval.</summary>
    public void RequestFor(InventoryChange change)
    {
        if (change == InventoryChange.State)
        {
            RequestNow();
        }
        else
        {
            Request();
        }
    }

    public void Dispose()
    {
        _reconnected?.Dispose();
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task RenderLaterAsync()
    {
        try
        {
            await Task.Delay(_interval, _time, _disposed.Token);
            // Cleared before rendering, so changes that arrive during the render schedule another.
            Volatile.Write(ref _scheduled, 0);
            await RenderInCultureAsync();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The component went away; nothing left to render.
        }
    }

    private async Task RenderNowAsync()
    {
        try
        {
            do
            {
                // Requests from here on are covered by the render below; those during it by the next.
                Volatile.Write(ref _urgent, 1);
                if (_disposed.IsCancellationRequested)
                {
                    return;
                }

                await RenderInCultureAsync();
            }
            while (Interlocked.CompareExchange(ref _urgent, 0, 1) != 1);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The component went away; nothing left to render.
        }
    }

    private Task RenderInCultureAsync()
    {
        if (_connection is { IsUp: false })
        {
            Volatile.Write(ref _missed, 1);
            // Still away: the reconnection renders. Back between the check and the mark: render here, unless
            // the reconnection already took the mark and asked for its own render.
            if (!_connection.IsUp || Interlocked.Exchange(ref _missed, 0) == 0)
            {
                return Task.CompletedTask;
            }
        }

        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        return _render();
    }
}
