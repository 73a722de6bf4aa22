using Microsoft.AspNetCore.Components.Server.Circuits;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// Whether this circuit's browser is connected. The server keeps a closed tab's circuit a while for a
/// reconnect, and pushes would go on rendering it, for nobody, in the same process that renders the open
/// tabs; pages skip those renders (<see cref="RenderThrottle"/>) and render once when the browser is back.
/// Up until the circuit says otherwise, so outside a circuit (prerendering, tests) nothing is held back.
/// </summary>
public sealed class CircuitConnection
{
    private readonly Lock _lock = new();
    private readonly List<Action> _onUp = [];
    private volatile bool _up = true;

    public bool IsUp => _up;

    /// <summary>Calls <paramref name="action"/> each time the browser connects again, on the caller's thread of the circuit handler.</summary>
    public IDisposable OnUp(Action action)
    {
        lock (_lock)
        {
            _onUp.Add(action);
        }

        return new Subscription(this, action);
    }

    internal void Set(bool up)
    {
        _up = up;
        if (!up)
        {
            return;
        }

        Action[] actions;
        lock (_lock)
        {
            actions = [.. _onUp];
        }

        foreach (var action in actions)
        {
            action();
        }
    }

    private sealed class Subscription(CircuitConnection owner, Action action) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._lock)
            {
                owner._onUp.Remove(action);
            }
        }
    }
}

/// <summary>Tells the circuit's <see cref="CircuitConnection"/> when its browser goes and comes back.</summary>
public sealed class CircuitConnectionHandler(CircuitConnection connection) : CircuitHandler
{
    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Set(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        connection.Set(true);
        return Task.CompletedTask;
    }
}

public static class CircuitConnectionSetup
{
    /// <summary>One <see cref="CircuitConnection"/> per circuit, kept up to date by its handler.</summary>
    public static IServiceCollection AddCircuitConnection(this IServiceCollection services)
    {
        services.AddScoped<CircuitConnection>();
        services.AddScoped<CircuitHandler, CircuitConnectionHandler>();
        return services;
    }
}
