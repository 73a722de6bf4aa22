using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using WebVirt.Agent.Configuration;
using WebVirt.Agent.Session;
using WebVirt.Agent.Usage;
using WebVirt.Contracts;
using WebVirt.Data;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Usage;

/// <summary>The sampler keeps going when libvirt or PostgreSQL is away, and says so once per outage.</summary>
public sealed class UsageSamplerTests
{
    private const int SkippedEvent = 7001;
    private const int StoreFailedEvent = 7003;
    private static readonly IOptions<AgentOptions> Agent = Options.Create(new AgentOptions { HostId = "sampler-test", LibvirtUri = "qemu:///system" });

    [Fact]
    public async Task With_libvirt_unreachable_samples_are_skipped_and_the_outage_logged_once()
    {
        var time = new SteppingTime();
        // Never started, so it has no connection: every call fails as while libvirtd is down.
        var session = new LibvirtSession(Agent, NullLogger<LibvirtSession>.Instance);
        await using var services = UnreachableDatabase();
        var (sampler, hub, log) = Sampler(session, services, time);

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
    public async Task With_the_database_unreachable_samples_are_still_pushed_and_the_failure_logged_once()
    {
        var time = new SteppingTime();
        var session = new LibvirtSession(Agent, NullLogger<LibvirtSession>.Instance);
        await session.StartAsync(CancellationToken.None);
        try
        {
            await WaitConnectedAsync(session);
            await using var services = UnreachableDatabase();
            var (sampler, hub, log) = Sampler(session, services, time);

            for (var i = 0; i < 4; i++)
            {
                await sampler.SampleAsync(CancellationToken.None);
                time.Advance(TimeSpan.FromSeconds(5));
            }

            // The first sample only primes the counters; each later one is pushed though none could be stored.
            Assert.Equal(3, hub.UsagePushes.Count);
            Assert.All(hub.UsagePushes, push =>
            {
                Assert.Equal("sampler-test", push[0]);
                var host = Assert.IsType<HostUsageSample>(push[1]);
                Assert.True(host.MemoryTotalKiB > 0);
                Assert.InRange(host.CpuPercent, 0, 100);
            });
            Assert.Equal(1, log.Count(StoreFailedEvent));
            Assert.Equal(0, log.Count(SkippedEvent));
        }
        finally
        {
            await session.StopAsync(CancellationToken.None);
            session.Dispose();
        }
    }

    private static (UsageSampler Sampler, RecordingHubContext Hub, EventLog<UsageSampler> Log) Sampler(LibvirtSession session, ServiceProvider services, SteppingTime time)
    {
        var hub = new RecordingHubContext();
        var log = new EventLog<UsageSampler>();
        var store = new UsageStore(services.GetRequiredService<IDbContextFactory<AgentDbContext>>(), time, new UsageTiers(5));
        var sampler = new UsageSampler(
            session, new UsageReader(time), new UsageRates(time), store, hub, Agent, Options.Create(new UsageOptions()), time, log);
        return (sampler, hub, log);
    }

    /// <summary>A database that does not exist on the test server: every write fails as while PostgreSQL is away.</summary>
    private static ServiceProvider UnreachableDatabase()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(TestDatabase.Server) { Database = $"wvt_missing_{Guid.NewGuid():N}", Timeout = 3 }.ConnectionString;
        return new ServiceCollection().AddWebVirtData(connectionString).BuildServiceProvider();
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
