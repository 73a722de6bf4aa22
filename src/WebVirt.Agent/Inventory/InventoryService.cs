using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.HostChecks;
using WebVirt.Agent.LocalState;
using WebVirt.Agent.Pushes;
using WebVirt.Agent.Session;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Inventory;

/// <summary>
/// Keeps the host's guest inventory current and pushes every change to the consoles: a full read
/// on each poll (for CPU% and anything done behind libvirt's back), and on each lifecycle event the
/// state the event states, pushed at once, followed by a single-guest read in the background for
/// what else may have changed (vCPUs and memory on start, the template flag on redefinition).
/// The consoles record the history from these pushes; the agent keeps only the current inventory.
/// </summary>
internal sealed partial class InventoryService(
    LibvirtSession session,
    InventoryReader reader,
    HostInfoReader hostReader,
    LocalStateStore localState,
    IConnectedWebs hub,
    IOptions<AgentOptions> options,
    ILogger<InventoryService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, GuestInfo> _guests = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    // One writer of the cache and the pushes at a time, so a read that started before an event can be
    // told apart (by the event's sequence number) and never overwrites the state the event pushed.
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, long> _lastEvent = new(StringComparer.Ordinal);
    private readonly Channel<DomainLifecycleEvent> _followUps = Channel.CreateUnbounded<DomainLifecycleEvent>(new UnboundedChannelOptions { SingleReader = true });

    // Done once the first full read after the start has ended (or libvirt was found unreachable), so a
    // console that connects to a just-started agent is not told "no guests" while they are merely unread.
    private readonly TaskCompletionSource _firstRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _eventSequence;
    private volatile HostInfo? _host;

    private string HostId => options.Value.ResolvedHostId;

    public IReadOnlyList<GuestInfo> Guests => [.. _guests.Values.OrderBy(g => g.Name, StringComparer.Ordinal)];

    public HostInfo Host => _host ?? hostReader.Disconnected(null, session.LastError);

    /// <summary>Waits until the first full read after the start has ended, at most <paramref name="limit"/> (a hung libvirtd must not hold a console long).</summary>
    public async Task WhenFirstReadAsync(TimeSpan limit, CancellationToken ct)
    {
        try
        {
            await _firstRead.Task.WaitAsync(limit, ct);
        }
        catch (TimeoutException)
        {
            // Answer with what is known; the read's pushes follow when it ends.
        }
    }

    /// <summary>Asks for an immediate full refresh (after a reconnect or a setting change).</summary>
    public void RequestRefresh() => _wake.Release();

    public async Task<GuestInfo?> RefreshGuestAsync(string uuid, CancellationToken ct)
    {
        var sequence = Interlocked.Read(ref _eventSequence);
        try
        {
            var guest = await session.RunAsync(c => reader.ReadOne(c, uuid), ct);
            await PublishAsync(guest, sequence);
            return guest;
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            await RemoveAsync(uuid, sequence);
            return null;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        session.ConnectionChanged += _ => RequestRefresh();
        var pump = Task.Run(() => PumpEventsAsync(stoppingToken), stoppingToken);
        var followUps = Task.Run(() => FollowUpEventsAsync(stoppingToken), stoppingToken);
        var interval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
            {
                Log.RefreshFailed(logger, ex.Message);
                _firstRead.TrySetResult();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }

            try
            {
                await _wake.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await followUps.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RefreshAllAsync(CancellationToken ct)
    {
        if (!session.IsConnected)
        {
            await PublishHostAsync(hostReader.Disconnected(_host, session.LastError));
            if (session.LastError is not null)
            {
                // Tried and failed: the host is shown disconnected, not waited for.
                _firstRead.TrySetResult();
            }

            return;
        }

        var host = await session.RunAsync(c => hostReader.Read(c, false), ct);
        await PublishHostAsync(await WithEmulationAsync(host, ct));

        var sequence = Interlocked.Read(ref _eventSequence);
        var guests = await session.RunAsync(reader.ReadAll, ct);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var guest in guests)
        {
            seen.Add(guest.Uuid);
            await PublishAsync(guest, sequence);
        }

        foreach (var gone in _guests.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            await RemoveAsync(gone, sequence);
        }

        // Sequence numbers of guests gone before this read began are no longer needed to spot stale reads.
        foreach (var (uuid, last) in _lastEvent)
        {
            if (last <= sequence && !seen.Contains(uuid))
            {
                _lastEvent.TryRemove(KeyValuePair.Create(uuid, last));
            }
        }

        if (_firstRead.TrySetResult())
        {
            Log.FirstRead(logger, guests.Count);
        }
    }

    private async Task PumpEventsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in session.LifecycleEvents.ReadAllAsync(ct))
            {
                await HandleEventAsync(e);
            }
        }
        finally
        {
            _followUps.Writer.TryComplete();
        }
    }

    /// <summary>
    /// Pushes what the event says before anything else (no libvirt or database call on the way), so
    /// a browser shows the new state as fast as libvirt reports it; the rest is a follow-up.
    /// </summary>
    private async Task HandleEventAsync(DomainLifecycleEvent e)
    {
        var sequence = Interlocked.Increment(ref _eventSequence);
        _lastEvent[e.Uuid] = sequence;
        var guestEvent = new GuestEvent(HostId, e.Uuid, e.Name, e.EventName, e.DetailName, DateTimeOffset.UtcNow);
        if (e.Event == DomainLifecycleEventType.Undefined)
        {
            await RemoveAsync(e.Uuid, sequence);
        }
        else if (_guests.TryGetValue(e.Uuid, out var cached) && LifecycleEventStates.StateAfter(e.Event, e.DetailName) is var (state, reason))
        {
            await PublishAsync(cached with
            {
                State = state,
                StateReason = reason,
                CpuPercent = LifecycleEventStates.CpuPercentAfter(cached, state),
                UpdatedAt = guestEvent.At,
            }, sequence);
        }

        await hub.All.GuestEventOccurred(guestEvent);
        Log.LifecycleEvent(logger, e.Name, e.EventName, e.DetailName);
        _followUps.Writer.TryWrite(e);
    }

    private async Task FollowUpEventsAsync(CancellationToken ct)
    {
        await foreach (var followUp in _followUps.Reader.ReadAllAsync(ct))
        {
            try
            {
                await FollowUpAsync(followUp, ct);
            }
            catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
            {
                Log.RefreshFailed(logger, ex.Message);
            }
        }
    }

    /// <summary>Reads the guest again for everything the event does not carry (a guest gone by then is pushed as removed).</summary>
    private async Task FollowUpAsync(DomainLifecycleEvent e, CancellationToken ct)
    {
        if (e.Event != DomainLifecycleEventType.Undefined)
        {
            await RefreshGuestAsync(e.Uuid, ct);
        }
    }

    /// <summary>True when an event for the guest came after <paramref name="sequence"/>, so a read begun then is stale.</summary>
    private bool EventSince(string uuid, long sequence) =>
        _lastEvent.TryGetValue(uuid, out var last) && last > sequence;

    /// <summary>Caches and pushes a guest read (or derived) when event <paramref name="sequence"/> was the latest.</summary>
    private async Task PublishAsync(GuestInfo guest, long sequence)
    {
        await _publishing.WaitAsync();
        try
        {
            if (EventSince(guest.Uuid, sequence))
            {
                return;
            }

            var previous = _guests.TryGetValue(guest.Uuid, out var old) ? old : null;
            _guests[guest.Uuid] = guest;
            if (previous is null || previous with { UpdatedAt = default } != guest with { UpdatedAt = default })
            {
                await hub.All.GuestChanged(guest);
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    private async Task RemoveAsync(string uuid, long sequence)
    {
        await _publishing.WaitAsync();
        try
        {
            if (EventSince(uuid, sequence))
            {
                return;
            }

            if (_guests.TryRemove(uuid, out _))
            {
                await hub.All.GuestRemoved(HostId, uuid);
            }
        }
        finally
        {
            _publishing.Release();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Inventory refresh failed: {Error}")]
        public static partial void RefreshFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "Could not read or write the agent's state file: {Error}")]
        public static partial void StoreFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "First inventory read: {Count} guests")]
        public static partial void FirstRead(ILogger logger, int count);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Guest {Name}: {Event} ({Detail})")]
        public static partial void LifecycleEvent(ILogger logger, string name, string @event, string detail);
    }
}
