using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Configuration;

namespace WebVirt.Web.Agents;

/// <summary>
/// The long-lived SignalR connection to one agent and the snapshot of its host and guests that
/// pushes keep current, so pages read memory and never wait on a host.
/// </summary>
internal sealed partial class AgentConnection : IAgentClient, IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RefreshTimeout = TimeSpan.FromSeconds(30);

    private readonly AgentOptions _options;
    private readonly ILogger _logger;
    private readonly Action<InventoryChange> _changed;
    private readonly HubConnection? _hub;
    private const string UndefinedEvent = "undefined";

    private readonly ConcurrentDictionary<string, GuestInfo> _guests = new(StringComparer.Ordinal);

    // Lifecycle events of guests not known yet, waiting for the push of the guest they concern.
    private readonly ConcurrentDictionary<string, GuestEvent> _pendingEvents = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ForeverRetryPolicy _retry;
    private readonly Lock _connectLock = new();
    private Task _connectLoop = Task.CompletedTask;
    private HostInfo? _host;
    private string? _error;
    private Failure? _linkFailure;
    private AgentLinkState _link = AgentLinkState.Connecting;
    private int _disposed;

    // Counts the link's drops, so a refresh the drop cut off does not mark the agent connected again.
    private readonly Lock _linkLock = new();
    private int _linkDrops;

    public AgentConnection(AgentOptions options, ILogger logger, Action<InventoryChange> changed)
    {
        _options = options;
        _logger = logger;
        _changed = changed;
        _retry = ForeverRetryPolicy.For(options.Url);
        _retry.AttemptFailed += exception =>
        {
            if (NoteRefusal(exception))
            {
                SetLink(_link, _error);
            }
        };

        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out _))
        {
            AgentLog.MissingUrl(logger, options.HostId);
            _link = AgentLinkState.Disconnected;
            _error = $"No valid URL is configured for agent '{options.HostId}'.";
            return;
        }

        _hub = new HubConnectionBuilder()
            .WithUrl(options.Url.TrimEnd('/') + IAgentHub.AgentHubPath, http =>
            {
                http.AccessTokenProvider = () => Task.FromResult<string?>(options.Token);
                http.HttpMessageHandlerFactory = handler => AgentTls.Apply(handler, options);
                http.WebSocketConfiguration = socket => AgentTls.Apply(socket, options);
            })
            .WithAutomaticReconnect(_retry)
            .Build();

        AgentHubProxy.Listen(_hub, this);
        _hub.Reconnecting += OnReconnecting;
        _hub.Reconnected += OnReconnected;
        _hub.Closed += OnClosed;
    }

    public string HostId => _options.HostId;

    public event Action<GuestEvent>? GuestEventReceived;

    /// <summary>Raised on the connection's thread with what the history records (<see cref="Records.InventoryReport"/>).</summary>
    public event Action<Records.InventoryReport>? InventoryReported;

    public HostView View => new(_options.HostId, _options.Name, _link, _error, _host, _linkFailure);

    // Enumerated, not Values: ConcurrentDictionary.Values takes every lock and copies all guests into a new list.
    public IEnumerable<GuestInfo> Guests => _guests.Select(pair => pair.Value);

    /// <summary>The guest by UUID: libvirt writes UUIDs in lower case, so the exact key almost always finds it.</summary>
    public GuestInfo? FindGuest(string uuid) =>
        _guests.TryGetValue(uuid, out var guest) ? guest
        : Guests.FirstOrDefault(g => string.Equals(g.Uuid, uuid, StringComparison.OrdinalIgnoreCase));

    public void Start()
    {
        if (_hub is null)
        {
            return;
        }

        lock (_connectLock)
        {
            if (_connectLoop.IsCompleted && !_stopping.IsCancellationRequested)
            {
                _connectLoop = Task.Run(() => ConnectLoopAsync(_stopping.Token));
            }
        }
    }

    /// <summary>Why the agent cannot be reached now, when it cannot.</summary>
    public string? Error => _error;

    /// <summary>The agent's hub for calls bound to <paramref name="cancellationToken"/>, or null while it is not connected.</summary>
    public IAgentHub? Hub(CancellationToken cancellationToken) =>
        _hub is { State: HubConnectionState.Connected } hub ? new AgentHubProxy(hub, cancellationToken) : null;

    public async Task RefreshHostAsync()
    {
        if (_hub is null || _hub.State != HubConnectionState.Connected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(RefreshTimeout);
            _host = await new AgentHubProxy(_hub, timeout.Token).GetHost();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.RefreshFailed(_logger, _options.HostId, ex);
        }
        finally
        {
            _changed(InventoryChange.State);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _connectLoop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        if (_hub is not null)
        {
            await _hub.DisposeAsync();
        }

        _stopping.Dispose();
    }

    private async Task ConnectLoopAsync(CancellationToken stopping)
    {
        for (long attempt = 0; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
                timeout.CancelAfter(ConnectTimeout);
                SetLink(AgentLinkState.Connecting, _error);
                await _hub!.StartAsync(timeout.Token);
                _linkFailure = null;
                AgentLog.Connected(_logger, _options.HostId, _options.Url);
                await RefreshAllAsync();
                return;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                var delay = _retry.DelayFor(attempt + 1);
                var message = ex is OperationCanceledException ? $"No answer from {_options.Url} within {ConnectTimeout.TotalSeconds:0} s." : ex.Message;
                NoteRefusal(ex);
                // A host that is down for a day should write a warning every five minutes, not at every attempt.
                if (attempt % Math.Max(1, (long)(TimeSpan.FromMinutes(5) / _retry.MaxDelay)) == 0)
                {
                    AgentLog.ConnectFailed(_logger, _options.HostId, _options.Url, delay, message);
                }

                SetLink(AgentLinkState.Disconnected, message);
                await Task.Delay(delay, stopping);
            }
        }
    }

    private async Task RefreshAllAsync()
    {
        int drops;
        lock (_linkLock)
        {
            drops = _linkDrops;
        }

        try
        {
            using var timeout = new CancellationTokenSource(RefreshTimeout);
            var hub = new AgentHubProxy(_hub!, timeout.Token);
            var host = await hub.GetHost();
            var guests = await hub.GetGuests();
            await ReloadTasksAsync(hub);

            var present = new HashSet<string>(StringComparer.Ordinal);
            foreach (var guest in guests)
            {
                present.Add(guest.Uuid);
                Upsert(guest);
            }

            foreach (var uuid in _guests.Keys.Where(uuid => !present.Contains(uuid)))
            {
                _guests.TryRemove(uuid, out _);
            }

            _host = host;
            SetLinkUnlessDropped(drops, null);
            InventoryReported?.Invoke(new Records.GuestListChanged(_options.HostId));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            AgentLog.RefreshFailed(_logger, _options.HostId, ex);
            SetLinkUnlessDropped(drops, ex.Message);
        }
    }

    // A stopping agent can take a reconnect and then drop it while the refresh reads it: the link is
    // then whatever the drop's handler said (away), and the next reconnect refreshes again.
    private void SetLinkUnlessDropped(int drops, string? error)
    {
        lock (_linkLock)
        {
            if (_linkDrops != drops || _hub is not { State: HubConnectionState.Connected })
            {
                return;
            }

            NoteLinkLocked(AgentLinkState.Connected, error);
        }

        _changed(InventoryChange.State);
    }

    private void DropLink(AgentLinkState link, string? error)
    {
        lock (_linkLock)
        {
            // SignalR raises Reconnecting and Reconnected each on the thread pool without waiting for
            // the other, so after an instant reconnect a drop can be reported once the hub is connected
            // again (seen under CI load). That drop is over: marking it would leave the host
            // "reconnecting" with no event to end it. Checked under the lock the refresh reads the drops with.
            if (_hub is { State: HubConnectionState.Connected })
            {
                return;
            }

            _linkDrops++;
            NoteLinkLocked(link, error);
        }

        _changed(InventoryChange.State);
    }

    private void Upsert(GuestInfo guest) =>
        // A push that raced with a full read must not be replaced by the older row.
        _guests.AddOrUpdate(guest.Uuid, guest, (_, existing) => guest.UpdatedAt >= existing.UpdatedAt ? guest : existing);

    private void OnGuestChanged(GuestInfo guest)
    {
        var previous = _guests.TryGetValue(guest.Uuid, out var old) ? old : null;
        Upsert(guest);
        var usageOnly = previous is not null && OnlyUsageDiffers(previous, guest);
        _changed(usageOnly ? InventoryChange.Usage : InventoryChange.State);
        if (_pendingEvents.TryRemove(guest.Uuid, out var pending))
        {
            // An event for a guest the web did not know yet: recorded with the guest the agent read after it.
            InventoryReported?.Invoke(new Records.GuestLifecycleReported(_options.HostId, pending, guest));
        }
        else if (!usageOnly)
        {
            InventoryReported?.Invoke(new Records.GuestListChanged(_options.HostId));
        }
    }

    private static bool OnlyUsageDiffers(GuestInfo before, GuestInfo after) =>
        before with { CpuPercent = after.CpuPercent, UpdatedAt = after.UpdatedAt } == after;

    private void OnGuestRemoved(string hostId, string uuid)
    {
        if (_guests.TryRemove(uuid, out _))
        {
            _changed(InventoryChange.State);
        }

        if (_pendingEvents.TryRemove(uuid, out var pending))
        {
            InventoryReported?.Invoke(new Records.GuestLifecycleReported(_options.HostId, pending, null));
        }
        else
        {
            InventoryReported?.Invoke(new Records.GuestListChanged(_options.HostId));
        }
    }

    private void OnGuestEvent(GuestEvent guestEvent)
    {
        GuestEventReceived?.Invoke(guestEvent);
        // The agent pushes the state an event states before the event itself, so the guest known now is
        // the guest after it. An undefined guest is gone; one not known yet is recorded with its next push.
        if (guestEvent.Event == UndefinedEvent)
        {
            InventoryReported?.Invoke(new Records.GuestLifecycleReported(_options.HostId, guestEvent, null));
        }
        else if (FindGuest(guestEvent.Uuid) is { } guest)
        {
            InventoryReported?.Invoke(new Records.GuestLifecycleReported(_options.HostId, guestEvent, guest));
        }
        else
        {
            _pendingEvents[guestEvent.Uuid] = guestEvent;
        }
    }

    private void OnHostChanged(HostInfo host)
    {
        _host = host;
        _changed(InventoryChange.State);
    }

    // Internal for tests, which raise it late on purpose.
    internal Task OnReconnecting(Exception? exception)
    {
        AgentLog.Reconnecting(_logger, _options.HostId, exception);
        DropLink(AgentLinkState.Reconnecting, exception?.Message);
        return Task.CompletedTask;
    }

    private Task OnReconnected(string? connectionId)
    {
        AgentLog.Reconnected(_logger, _options.HostId);
        return RefreshAllAsync();
    }

    private Task OnClosed(Exception? exception)
    {
        DropLink(AgentLinkState.Disconnected, exception?.Message ?? _error);
        // The reconnect policy never gives up, so a close means the server refused the
        // connection outright; go back to the initial connect loop.
        Start();
        return Task.CompletedTask;
    }

    // A pinned agent presenting another certificate is told apart from an agent that is merely away.
    private bool NoteRefusal(Exception exception)
    {
        var before = _linkFailure;
        _linkFailure = AgentTls.IsCertificateRefusal(exception) && _options.CertificateSha256.Length > 0
            ? Failure.Of(ErrorCodes.AgentCertificateChanged, _options.HostId)
            : null;
        return before != _linkFailure;
    }

    private void SetLink(AgentLinkState link, string? error)
    {
        lock (_linkLock)
        {
            NoteLinkLocked(link, error);
        }

        _changed(InventoryChange.State);
    }

    private void NoteLinkLocked(AgentLinkState link, string? error)
    {
        NoteLink(link);
        _link = link;
        _error = error;
    }
}
