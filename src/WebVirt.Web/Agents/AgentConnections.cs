using System.Collections.Frozen;
using System.Globalization;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Agents;

/// <summary>
/// One SignalR connection per configured agent, held for the life of the process, and the
/// in-memory snapshot of every host and guest. Circuits subscribe to <see cref="Subscribe(Action)"/>.
/// </summary>
public sealed partial class AgentConnections : IHostedService, IAsyncDisposable
{
    private readonly FrozenDictionary<string, AgentConnection> _connections;
    private readonly IReadOnlyList<AgentConnection> _ordered;
    private readonly ILogger<AgentConnections> _logger;
    private readonly Lock _subscribersLock = new();
    private Subscription[] _subscribers = [];
    private long _version;

    public AgentConnections(IOptions<WebVirtOptions> options, ILogger<AgentConnections> logger)
    {
        _logger = logger;
        _ordered = options.Value.Agents
            .Where(agent => !string.IsNullOrWhiteSpace(agent.HostId))
            .DistinctBy(agent => agent.HostId, StringComparer.Ordinal)
            .Select(agent => new AgentConnection(agent, logger, NotifyChanged))
            .ToList();
        _connections = _ordered.ToFrozenDictionary(connection => connection.HostId, StringComparer.Ordinal);
        foreach (var connection in _ordered)
        {
            connection.GuestEventReceived += guestEvent => GuestEventReceived?.Invoke(guestEvent);
            connection.UsageSampled += OnUsageSampled;
        }
    }

    /// <summary>Raised on the connection's thread for every lifecycle event an agent pushes.</summary>
    public event Action<GuestEvent>? GuestEventReceived;

    /// <summary>Grows by one on every change, so a reader can tell whether it has seen the latest.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<HostView> Hosts => _ordered.Select(connection => connection.View).ToList();

    public IReadOnlyList<GuestInfo> Guests => _ordered.SelectMany(connection => connection.Guests).ToList();

    /// <summary>Calls <paramref name="onChange"/> (on a background thread) after each change until disposed.</summary>
    public IDisposable Subscribe(Action onChange) => Subscribe(_ => onChange());

    /// <summary>
    /// Calls <paramref name="onChange"/> (on a background thread) after each change, saying whether it
    /// changed a state or only usage figures, until disposed.
    /// </summary>
    public IDisposable Subscribe(Action<InventoryChange> onChange)
    {
        var subscription = new Subscription(this, onChange);
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    public Task<ActionResult> ActAsync(string hostId, string uuid, GuestAction action, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(hostId, out var connection))
        {
            return Task.FromResult(UnknownHost(hostId));
        }

        return connection.InvokeAsync(nameof(IAgentHub.Act), [uuid, action], afterSuccess: null, cancellationToken);
    }

    public Task<ActionResult> SetUseEmulationAsync(string hostId, bool useEmulation, CancellationToken cancellationToken)
    {
        if (!_connections.TryGetValue(hostId, out var connection))
        {
            return Task.FromResult(UnknownHost(hostId));
        }

        return connection.InvokeAsync(nameof(IAgentHub.SetUseEmulation), [useEmulation], connection.RefreshHostAsync, cancellationToken);
    }

    /// <summary>A state-changing hub method of a feature; failures come back as a failed result.</summary>
    public Task<ActionResult> InvokeAsync(string hostId, string method, object?[] args, CancellationToken cancellationToken) =>
        _connections.TryGetValue(hostId, out var connection)
            ? connection.InvokeAsync(method, args, afterSuccess: null, cancellationToken)
            : Task.FromResult(UnknownHost(hostId));

    /// <summary>A read-only hub method of a feature; throws when the host is unknown or not connected.</summary>
    public Task<T> QueryAsync<T>(string hostId, string method, object?[] args, CancellationToken cancellationToken) =>
        _connections.TryGetValue(hostId, out var connection)
            ? connection.QueryAsync<T>(method, args, cancellationToken)
            : throw new InvalidOperationException($"Unknown host '{hostId}'.");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _ordered)
        {
            connection.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_ordered.Select(connection => connection.DisposeAsync().AsTask()));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
    }

    private static ActionResult UnknownHost(string hostId) =>
        ActionResult.Fail(Failure.Of(ErrorCodes.UnknownHost, hostId).WithHint(HintKeys.AgentUnavailable));

    private void NotifyChanged(InventoryChange change)
    {
        Interlocked.Increment(ref _version);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber.Notify(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AgentLog.SubscriberFailed(_logger, ex);
            }
        }
    }

    private void Unsubscribe(Subscription subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers = _subscribers.Where(subscriber => !ReferenceEquals(subscriber, subscription)).ToArray();
        }
    }

    private sealed class Subscription(AgentConnections owner, Action<InventoryChange> onChange) : IDisposable
    {
        // Notifications come on the agent connection's threads, which carry the server's default
        // culture; the subscriber's renders must use its circuit's language, current when it subscribed.
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
        private int _disposed;

        public void Notify(InventoryChange change)
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            try
            {
                onChange(change);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(this);
            }
        }
    }
}
