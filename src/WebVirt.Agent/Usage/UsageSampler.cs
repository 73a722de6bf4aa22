using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Pushes;
using WebVirt.Agent.Session;
using WebVirt.Data;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Usage;

/// <summary>
/// Samples the host and its running guests every interval, pushes each sample to the consoles and
/// writes it to the history, which it compacts (downsampling, expiry) every compaction interval.
/// Neither libvirt nor PostgreSQL being away stops it: a sample that cannot be read is skipped, one
/// that cannot be stored is still pushed, and each outage is logged once, when it starts.
/// </summary>
internal sealed partial class UsageSampler(
    LibvirtSession session,
    UsageReader reader,
    UsageRates rates,
    UsageStore store,
    IConnectedWebs hub,
    IOptions<AgentOptions> agentOptions,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ILogger<UsageSampler> logger) : BackgroundService
{
    private UsageSnapshot? _previous;
    private DateTimeOffset _lastCompaction = DateTimeOffset.MinValue;
    private bool _libvirtFailing;
    private bool _storeFailing;

    private string HostId => agentOptions.Value.ResolvedHostId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.IntervalSeconds), time);
        try
        {
            do
            {
                try
                {
                    await SampleAsync(stoppingToken);
                    await CompactIfDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A hosted service that throws stops the whole agent; one bad sample must not.
                    Log.SampleFailed(logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads, pushes and stores one sample; the first after a start only primes the counters.</summary>
    internal async Task SampleAsync(CancellationToken ct)
    {
        UsageSnapshot snapshot;
        try
        {
            snapshot = await session.RunAsync(reader.Read, ct);
            if (_libvirtFailing)
            {
                _libvirtFailing = false;
                Log.SamplingResumed(logger);
            }
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException)
        {
            if (!_libvirtFailing)
            {
                _libvirtFailing = true;
                Log.SamplingSkipped(logger, ex.Message);
            }

            return;
        }

        var sample = rates.Compute(_previous, snapshot, time.GetUtcNow(), LoadAverage.Read());
        _previous = snapshot;
        if (sample is not { } computed)
        {
            return;
        }

        var (host, guests) = computed;

        await hub.Clients.All.UsageSampled(HostId, host, guests);
        await StoreSafelyAsync(token => store.WriteAsync(HostId, host, guests, token), ct);
    }

    private async Task CompactIfDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now - _lastCompaction < TimeSpan.FromSeconds(options.Value.CompactionIntervalSeconds))
        {
            return;
        }

        _lastCompaction = now;
        await StoreSafelyAsync(async token =>
        {
            var result = await store.CompactAsync(HostId, token);
            Log.Compacted(logger, result.Written, result.Deleted);
        }, ct);
    }

    private async Task StoreSafelyAsync(Func<CancellationToken, Task> write, CancellationToken ct)
    {
        try
        {
            await write(ct);
            if (_storeFailing)
            {
                _storeFailing = false;
                Log.StoreResumed(logger);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (!_storeFailing)
            {
                _storeFailing = true;
                Log.StoreFailed(logger, ex.Message);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Usage sampling paused, libvirt cannot be read: {Error}")]
        public static partial void SamplingSkipped(ILogger logger, string error);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Usage sampling resumed")]
        public static partial void SamplingResumed(ILogger logger);

        [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Usage history cannot be written, samples are only pushed until it can: {Error}")]
        public static partial void StoreFailed(ILogger logger, string error);

        [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Usage history is written again")]
        public static partial void StoreResumed(ILogger logger);

        [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "A usage sample failed; sampling goes on")]
        public static partial void SampleFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 7005, Level = LogLevel.Debug, Message = "Usage history compacted: {Written} averaged rows written, {Deleted} expired rows deleted")]
        public static partial void Compacted(ILogger logger, int written, int deleted);
    }
}
