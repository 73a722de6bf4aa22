using System.Threading.Channels;
using WebVirt.Data;

namespace WebVirt.Web.Agents.Records;

/// <summary>
/// Writes the usage samples agents push into the history (<see cref="UsageStore"/>) and compacts each
/// host's history (downsampling, expiry) every <see cref="CompactionInterval"/>. The connection's
/// thread only queues: a slow database drops the oldest pushes, never holds an agent's connection.
/// PostgreSQL being away is logged once when it starts and once when it ends.
/// </summary>
public sealed partial class UsageRecorder(
    AgentConnections agents,
    HostRegistration hosts,
    UsageStore store,
    TimeProvider time,
    ILogger<UsageRecorder> logger) : BackgroundService
{
    /// <summary>Compacting at least every 5 minutes keeps the raw tier within the bound <see cref="UsageTiers"/> computes.</summary>
    public static readonly TimeSpan CompactionInterval = TimeSpan.FromSeconds(60);

    // Ten minutes of 5-second pushes from a dozen hosts; beyond that the oldest go first.
    private readonly Channel<UsageReport> _queue = Channel.CreateBounded<UsageReport>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Dictionary<string, DateTimeOffset> _lastCompaction = new(StringComparer.Ordinal);
    private bool _failing;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        agents.UsageReported += Enqueue;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        agents.UsageReported -= Enqueue;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var report in _queue.Reader.ReadAllAsync(stoppingToken))
            {
                await WriteSafelyAsync(report, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Enqueue(UsageReport report) => _queue.Writer.TryWrite(report);

    private async Task WriteSafelyAsync(UsageReport report, CancellationToken ct)
    {
        try
        {
            if (!await hosts.EnsureAsync(report.HostId, ct))
            {
                return;
            }

            // A sample naming no valid UUID is the agent's mistake; the others of the push are kept.
            var guests = report.Guests.Where(g => Guid.TryParse(g.Uuid, out _)).ToList();
            await store.WriteAsync(report.HostId, report.Host, guests, ct);
            await CompactIfDueAsync(report.HostId, ct);
            if (_failing)
            {
                _failing = false;
                Log.StoreResumed(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!_failing)
            {
                _failing = true;
                Log.StoreFailed(logger, report.HostId, ex.Message);
            }
        }
    }

    private async Task CompactIfDueAsync(string hostId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_lastCompaction.TryGetValue(hostId, out var last) && now - last < CompactionInterval)
        {
            return;
        }

        _lastCompaction[hostId] = now;
        var result = await store.CompactAsync(hostId, ct);
        Log.Compacted(logger, hostId, result.Written, result.Deleted);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "Usage history of host {HostId} cannot be written, samples are only shown live until it can: {Error}")]
        public static partial void StoreFailed(ILogger logger, string hostId, string error);

        [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Usage history is written again")]
        public static partial void StoreResumed(ILogger logger);

        [LoggerMessage(EventId = 1203, Level = LogLevel.Debug, Message = "Usage history of host {HostId} compacted: {Written} averaged rows written, {Deleted} expired rows deleted")]
        public static partial void Compacted(ILogger logger, string hostId, int written, int deleted);
    }
}
