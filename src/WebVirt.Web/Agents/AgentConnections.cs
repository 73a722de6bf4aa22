using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents;

/// <summary>
/// One SignalR connection per configured agent, held for the life of the process, and the
/// in-memory snapshot of every host and guest. Circuits subscribe to <see cref="Subscribe(Action{InventoryChange})"/>.
/// </summary>
public sealed partial class AgentConnections : IHostedService, IAsyncDisposable, IKnownHosts
{
    private readonly AgentDirectory _directory;
    private readonly ILogger<AgentConnections> _logger;
    private readonly Lock _subscribersLock = new();
    private readonly Lock _connectionsLock = new();
    private ImmutableDictionary<string, AgentConnection> _connections = ImmutableDictionary.Create<string, AgentConnection>(StringComparer.Ordinal);
    private ImmutableList<AgentConnection> _ordered = [];
    private CultureBoundCallback<InventoryChange>[] _subscribers = [];
    private long _version;
    private bool _started;
    private InventorySnapshot _snapshot = InventorySnapshot.Empty;

    /// <summary>Connections to the agents of the configuration only (tests, and tools without a database).</summary>
    public AgentConnections(IOptions<WebVirtOptions> options, ILogger<AgentConnections> logger)
        : this(new AgentDirectory(options), logger)
    {
    }

    public AgentConnections(AgentDirectory directory, ILogger<AgentConnections> logger)
    {
        _directory = directory;
        _logger = logger;
        foreach (var agent in directory.All)
        {
            Attach(agent);
        }

        directory.Added += OnAgentAdded;
        directory.Removed += OnAgentRemoved;
    }

    /// <summary>Raised on the connection's thread for every lifecycle event an agent pushes.</summary>
    public event Action<GuestEvent>? GuestEventReceived;

    /// <summary>Raised on the connection's thread with what the history records, under the connection's host id.</summary>
    public event Action<Records.InventoryReport>? InventoryReported;

    /// <summary>The host's guests as its agent last pushed them; empty for an unknown host.</summary>
    public IReadOnlyList<GuestInfo> GuestsOf(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? [.. connection.Guests] : [];

    /// <summary>Grows by one on every change, so a reader can tell whether it has seen the latest.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>
    /// The inventory as of the latest change: the same instance until the next change, built anew
    /// by the first reader after it. Pages keep this reference, never a copy.
    /// </summary>
    public InventorySnapshot Snapshot
    {
        get
        {
            // The version is read before the connections: a change lands in their data before it
            // counts, so what is read next is at least as new as this version says.
            var version = Version;
            var current = Volatile.Read(ref _snapshot);
            if (current.Version == version)
            {
                return current;
            }

            // Hosts are added and removed while pages read: one list for the whole build.
            var ordered = _ordered;
            var hosts = new HostView[ordered.Count];
            var guests = new List<GuestInfo>();
            for (var i = 0; i < ordered.Count; i++)
            {
                hosts[i] = ordered[i].View;
                guests.AddRange(ordered[i].Guests);
            }

            var built = new InventorySnapshot(version, hosts, guests.AsReadOnly());
            // Two readers may build the same version at once; either result is right, one is kept.
            var kept = Interlocked.CompareExchange(ref _snapshot, built, current);
            return ReferenceEquals(kept, current) ? built : kept.Version >= version ? kept : built;
        }
    }

    public IReadOnlyList<HostView> Hosts => Snapshot.Hosts;

    public IReadOnlyList<GuestInfo> Guests => Snapshot.Guests;

    /// <summary>The guest with this UUID on this host (UUIDs compared ignoring case), without scanning the inventory.</summary>
    public GuestInfo? FindGuest(string hostId, string uuid) =>
        _connections.TryGetValue(hostId, out var connection) && connection.FindGuest(uuid) is { } guest && guest.HostId == hostId ? guest : null;

    /// <summary>Calls <paramref name="onChange"/> (on a background thread) after each change until disposed.</summary>
    public IDisposable Subscribe(Action onChange) => Subscribe(_ => onChange());

    /// <summary>
    /// Calls <paramref name="onChange"/> (on a background thread) after each change, saying whether it
    /// changed a state or only usage figures, until disposed.
    /// </summary>
    public IDisposable Subscribe(Action<InventoryChange> onChange)
    {
        var subscription = new CultureBoundCallback<InventoryChange>(onChange, Unsubscribe);
        lock (_subscribersLock)
        {
            _subscribers = [.. _subscribers, subscription];
        }

        return subscription;
    }

    /// <summary>Whether an agent is configured for the host.</summary>
    public bool IsConfigured(string hostId) => _connections.ContainsKey(hostId);

    /// <summary>Why the host's agent cannot be reached now, when it cannot (null for an unknown host).</summary>
    public string? LinkError(string hostId) => _connections.TryGetValue(hostId, out var connection) ? connection.Error : null;

    /// <summary>
    /// The host's agent as its typed hub, for calls bound to <paramref name="cancellationToken"/>; null when
    /// the host is unknown or its agent is not connected. Pages call agents through the gateway, not here.
    /// </summary>
    internal IAgentHub? ConnectedHub(string hostId, CancellationToken cancellationToken) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.Hub(cancellationToken) : null;

    /// <summary>Reads the host's summary again after a change to it, so every page shows the new state.</summary>
    public Task RefreshHostAsync(string hostId) =>
        _connections.TryGetValue(hostId, out var connection) ? connection.RefreshHostAsync() : Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lock (_connectionsLock)
        {
            _started = true;
        }

        foreach (var connection in _ordered)
        {
            connection.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _directory.Added -= OnAgentAdded;
        _directory.Removed -= OnAgentRemoved;
        await Task.WhenAll(_ordered.Select(connection => connection.DisposeAsync().AsTask()));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
    }

    private AgentConnection Attach(AgentOptions agent)
    {
        var connection = new AgentConnection(agent, _logger, NotifyChanged);
        connection.GuestEventReceived += guestEvent => GuestEventReceived?.Invoke(guestEvent);
        connection.UsageSampled += OnUsageSampled;
        connection.UsageReported += OnUsageReported;
        connection.InventoryReported += report => InventoryReported?.Invoke(report);
        _connections = _connections.SetItem(agent.HostId, connection);
        _ordered = _ordered.RemoveAll(c => c.HostId == agent.HostId).Add(connection);
        return connection;
    }

    // An enrolled host (or one enrolled again with a new address, token or certificate) is connected to at once.
    private void OnAgentAdded(AgentOptions agent)
    {
        AgentConnection? replaced;
        AgentConnection added;
        bool start;
        lock (_connectionsLock)
        {
            replaced = _connections.GetValueOrDefault(agent.HostId);
            added = Attach(agent);
            start = _started;
        }

        if (start)
        {
            added.Start();
        }

        _ = replaced?.DisposeAsync().AsTask();
        NotifyChanged(InventoryChange.State);
    }

    // The host's guests stay untouched on it; they only leave this console.
    private void OnAgentRemoved(string hostId)
    {
        AgentConnection? removed;
        lock (_connectionsLock)
        {
            removed = _connections.GetValueOrDefault(hostId);
            _connections = _connections.Remove(hostId);
            _ordered = _ordered.RemoveAll(c => c.HostId == hostId);
        }

        _ = removed?.DisposeAsync().AsTask();
        NotifyChanged(InventoryChange.State);
    }

    private void NotifyChanged(InventoryChange change)
    {
        Interlocked.Increment(ref _version);
        foreach (var subscriber in Volatile.Read(ref _subscribers))
        {
            try
            {
                subscriber.Invoke(change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                AgentLog.SubscriberFailed(_logger, ex);
            }
        }
    }

    private void Unsubscribe(CultureBoundCallback<InventoryChange> subscription)
    {
        lock (_subscribersLock)
        {
            _subscribers = _subscribers.Where(subscriber => !ReferenceEquals(subscriber, subscription)).ToArray();
        }
    }
}
