using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Session;
using WebVirt.Agent.Usage;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.Usage;

/// <summary>The sampler pushes each sample (the consoles keep the history), keeps going when libvirt is away, and says so once per outage.</summary>
public sealed class UsageSamplerTests
{
    private const int SkippedEvent = 7001;
    private static readonly IOptions<AgentOptions> Agent = Options.Create(new AgentOptions { HostId = "sampler-test", LibvirtUri = "qemu:///system" });

    [Fact]
    public async Task With_libvirt_unreachable_samples_are_skipped_and_the_outage_logged_once()
    {
        var time = new SteppingTime();
        // Never started, so it has no connection: every call fails as while libvirtd is down.
        var session = new LibvirtSession(Agent, NullLogger<LibvirtSession>.Instance);
        var (sampler, hub, log) = Sampler(session, time);

        for (var i = 0; i < 3; i++)
        {
            await sampler.SampleAsync(CancellationToken.None);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Empty(hub.UsagePushes);
        Assert.Equal(1, log.Count(SkippedEvent));
    }

    [Fact]
    [Trait("Category", "Qemu")]
    public async Task Every_sample_after_the_first_is_pushed_under_the_agents_host_id()
    {
        var time = new SteppingTime();
        var session = new LibvirtSession(Agent, NullLogger<LibvirtSession>.Instance);
        await session.StartAsync(CancellationToken.None);
        try
        {
            await WaitConnectedAsync(session);
            var (sampler, hub, log) = Sampler(session, time);

            for (var i = 0; i < 4; i++)
            {
                time.Advance(TimeSpan.FromSeconds(5));
                await sampler.SampleAsync(CancellationToken.None);
            }

            // The first sample only primes the counters; each later one is pushed.
            Assert.Equal(3, hub.UsagePushes.Count);

            // A tick right after a sample that ran late (the timer's ticks do not wait) reads nothing: the samples
            // stay at least half an interval (5 s by default) apart.
            time.Advance(TimeSpan.FromSeconds(0.2));
            await sampler.SampleAsync(CancellationToken.None);
            Assert.Equal(3, hub.UsagePushes.Count);
            time.Advance(TimeSpan.FromSeconds(2.3));
            await sampler.SampleAsync(CancellationToken.None);
            Assert.Equal(4, hub.UsagePushes.Count);
            Assert.All(hub.UsagePushes, push =>
            {
                Assert.Equal("sampler-test", push[0]);
                var host = Assert.IsType<HostUsageSample>(push[1]);
                Assert.True(host.MemoryTotalKiB > 0);
                Assert.InRange(host.CpuPercent, 0, 100);
            });
            Assert.Equal(0, log.Count(SkippedEvent));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            session.Dispose();
        }
    }

    private static (UsageSampler Sampler, RecordingHubContext Hub, EventLog<UsageSampler> Log) Sampler(LibvirtSession session, SteppingTime time)
    {
        var hub = new RecordingHubContext();
        var log = new EventLog<UsageSampler>();
        var sampler = new UsageSampler(
            session, new UsageReader(time), new UsageRates(time), hub, Agent, Options.Create(new UsageOptions()), time, log);
        return (sampler, hub, log);
    }

    private static async Task WaitConnectedAsync(LibvirtSession session)
    {
        for (var i = 0; !session.IsConnected; i++)
        {
            Assert.True(i < 300, $"no connection to libvirt: {session.LastError}");
            await Task.Delay(100);
        }
    }
}
