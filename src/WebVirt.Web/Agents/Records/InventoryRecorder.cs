using System.Collections.Concurrent;
using System.Threading.Channels;
using WebVirt.Data;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Writes what agents report about their guests into the inventory and state history
/// (<see cref="InventoryStore"/>): each lifecycle event as it comes, and the guest list of a host
/// whose guests changed (new, gone, another state) at most every <see cref="SyncInterval"/>, which
/// records states found without an event and marks guests no longer listed as removed. Rows always
/// carry the host id of the connection the report came on. The connection's thread only queues.
/// </summary>
public sealed partial class InventoryRecorder(
    AgentConnections agents,
    HostRegistration hosts,
    InventoryStore store,
    ILogger<InventoryRecorder> logger) : BackgroundService
{
    public static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(2);

    // Events are few (one per lifecycle change); the bound only guards against an agent flooding the web.
    private readonly Channel<GuestLifecycleReported> _events = Channel.CreateBounded<GuestLifecycleReported>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly ConcurrentDictionary<string, bool> _changedHosts = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _writing = new(1, 1);
    private bool _failing;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        agents.InventoryReported += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        agents.InventoryReported -= Enqueue;
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Writes the host's guest list now (a note is about to be saved for a guest the history may not have yet).</summary>
    public Task SyncNowAsync(string hostId, CancellationToken ct) => SyncSafelyAsync(hostId, ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var syncs = Task.Run(() => SyncLoopAsync(stoppingToken), stoppingToken);
        try
        {
            await foreach (var report in _events.Reader.ReadAllAsync(stoppingToken))
            {
                await RecordSafelyAsync(report, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await syncs.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private void Enqueue(InventoryReport report)
    {
        switch (report)
        {
            case GuestLifecycleReported lifecycle:
                _events.Writer.TryWrite(lifecycle);
                break;
            case GuestListChanged changed:
                _changedHosts[changed.HostId] = true;
                break;
        }
    }

    private async Task SyncLoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(SyncInterval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            foreach (var hostId in _changedHosts.Keys)
            {
                if (_changedHosts.TryRemove(hostId, out _) && !await SyncSafelyAsync(hostId, ct))
                {
                    // Tried again at the next tick: a database outage delays the history, it does not lose it.
                    _changedHosts[hostId] = true;
                }
            }
        }
    }

    private async Task<bool> SyncSafelyAsync(string hostId, CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            if (!await hosts.EnsureAsync(hostId, ct))
            {
                return false;
            }

            // The host id is the connection's, whatever the agent wrote in the rows.
            var guests = agents.GuestsOf(hostId)
                .Where(g => Guid.TryParse(g.Uuid, out _))
                .Select(g => g with { HostId = hostId })
                .DistinctBy(g => Guid.Parse(g.Uuid))
                .ToList();
            await store.SyncGuestsAsync(hostId, guests, DateTimeOffset.UtcNow, ct);
            Succeeded();
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Failed(hostId, ex);
            return false;
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task RecordSafelyAsync(GuestLifecycleReported report, CancellationToken ct)
    {
        var hostId = report.HostId;
        var lifecycle = report.Event;
        if (!Guid.TryParse(lifecycle.Uuid, out _) || string.IsNullOrWhiteSpace(lifecycle.Event))
        {
            return;
        }

        await _writing.WaitAsync(ct);
        try
        {
            if (!await hosts.EnsureAsync(hostId, ct))
            {
                return;
            }

            if (report.Guest is null)
            {
                await store.MarkGuestRemovedAsync(hostId, lifecycle.Uuid, lifecycle.At, ct);
            }
            else
            {
                var eventName = lifecycle.Event.Length > GuestStateChange.EventMaxLength ? lifecycle.Event[..GuestStateChange.EventMaxLength] : lifecycle.Event;
                await store.RecordGuestStateAsync(report.Guest with { HostId = hostId, Uuid = lifecycle.Uuid }, eventName, lifecycle.Detail, lifecycle.At, ct);
            }

            Succeeded();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            Failed(hostId, ex);
        }
        finally
        {
            _writing.Release();
        }
    }

    private void Succeeded()
    {
        if (_failing)
        {
            _failing = false;
            Log.StoreResumed(logger);
        }
    }

    private void Failed(string hostId, Exception ex)
    {
        if (!_failing)
        {
            _failing = true;
            Log.StoreFailed(logger, hostId, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1211, Level = LogLevel.Warning, Message = "The inventory history of host {HostId} cannot be written; it is written again when the database is back: {Error}")]
        public static partial void StoreFailed(ILogger logger, string hostId, string error);

        [LoggerMessage(EventId = 1212, Level = LogLevel.Information, Message = "The inventory history is written again")]
        public static partial void StoreResumed(ILogger logger);
    }
}
