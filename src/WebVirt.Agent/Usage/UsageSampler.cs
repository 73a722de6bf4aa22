using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Pushes;
using WebVirt.Agent.Session;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Usage;

/// <summary>
/// Samples the host and its running guests every interval and pushes each sample to the consoles,
/// which keep the history (the agent holds no database credentials). libvirt being away does not
/// stop it: a sample that cannot be read is skipped, and the outage is logged once, when it starts.
/// </summary>
internal sealed partial class UsageSampler(
    LibvirtSession session,
    UsageReader reader,
    UsageRates rates,
    IConnectedWebs hub,
    IOptions<AgentOptions> agentOptions,
    IOptions<UsageOptions> options,
    TimeProvider time,
    ILogger<UsageSampler> logger) : BackgroundService
{
    private UsageSnapshot? _previous;
    private DateTimeOffset? _previousAt;
    private bool _libvirtFailing;

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

    /// <summary>
    /// Reads and pushes one sample; the first after a start only primes the counters. A tick less than half an
    /// interval after the last sample is skipped: the timer's ticks do not wait for a sample that ran late (a
    /// loaded host), and its next tick would push a second sample a fraction of an interval after it.
    /// </summary>
    internal async Task SampleAsync(CancellationToken ct)
    {
        if (_previousAt is { } last && time.GetUtcNow() - last < TimeSpan.FromSeconds(options.Value.IntervalSeconds) / 2)
        {
            return;
        }

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

        var now = time.GetUtcNow();
        var sample = rates.Compute(_previous, snapshot, now, LoadAverage.Read());
        _previous = snapshot;
        _previousAt = now;
        if (sample is not { } computed)
        {
            return;
        }

        var (host, guests) = computed;

        await hub.All.UsageSampled(HostId, host, guests);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Usage sampling paused, libvirt cannot be read: {Error}")]
        public static partial void SamplingSkipped(ILogger logger, string error);

        [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Usage sampling resumed")]
        public static partial void SamplingResumed(ILogger logger);

        [LoggerMessage(EventId = 7006, Level = LogLevel.Error, Message = "A usage sample failed; sampling goes on")]
        public static partial void SampleFailed(ILogger logger, Exception exception);
    }
}
