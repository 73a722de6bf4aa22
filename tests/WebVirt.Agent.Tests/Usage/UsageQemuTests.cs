using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.Usage;

/// <summary>The usage sampler of an in-process agent on the real qemu:///system, with a running TCG test guest.</summary>
[Trait("Category", "Qemu")]
public sealed class UsageQemuTests : IAsyncLifetime
{
    private const string Uri = "qemu:///system";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private static readonly string Prefix = TestRun.GuestName("usage-");
    private readonly string _name = Prefix + "sampled";
    private readonly Channel<(string HostId, HostUsageSample Host, IReadOnlyList<GuestUsageSample> Guests)> _pushes =
        Channel.CreateUnbounded<(string, HostUsageSample, IReadOnlyList<GuestUsageSample>)>();

    private string _runDirectory = "";
    private string _uuid = "";
    private AgentFactory? _factory;
    private WebApplicationFactory<Program>? _agent;
    private HubConnection? _hub;

    public async Task InitializeAsync()
    {
        _runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var connection = LibvirtConnection.Open(Uri))
        using (var domain = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(_name, _runDirectory)))
        {
            _uuid = domain.Uuid;
            domain.Create();
        }

        _factory = new AgentFactory(Uri);
        _agent = _factory.WithWebHostBuilder(b => b.UseSetting("Usage:IntervalSeconds", "1"));
        _hub = Connect(_agent);
        _hub.On<string, HostUsageSample, IReadOnlyList<GuestUsageSample>>(
            nameof(IAgentClient.UsageSampled), (hostId, host, guests) => _pushes.Writer.TryWrite((hostId, host, guests)));
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_hub is not null)
            {
                await _hub.DisposeAsync();
            }

            if (_agent is not null)
            {
                await _agent.DisposeAsync();
            }

            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(Uri, _runDirectory, Prefix);
        }
    }

    [Fact]
    public async Task Samples_of_the_host_and_a_running_guest_are_pushed_every_interval()
    {
        var (hostId, host, guest) = await WaitForGuestSampleAsync();

        Assert.Equal("test-host", hostId);
        Assert.InRange(guest.CpuPercent, 0, 100);
        Assert.True(guest.MemoryUsedKiB > 0, $"memory used {guest.MemoryUsedKiB}");
        Assert.Equal(256 * 1024, guest.MemoryTotalKiB);
        Assert.True(guest.DiskReadBytesPerSecond >= 0 && guest.NetRxBytesPerSecond >= 0);
        Assert.InRange(host.CpuPercent, 0, 100);
        Assert.True(host.MemoryTotalKiB > 0, $"host memory total {host.MemoryTotalKiB}");
        Assert.InRange(host.MemoryUsedKiB, 1, host.MemoryTotalKiB);

        // Every interval (1 s here) brings the next sample; the history is the console's, kept from these pushes.
        var (_, _, next) = await WaitForGuestSampleAsync();
        Assert.InRange(next.At - guest.At, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
    }

    private async Task<(string HostId, HostUsageSample Host, GuestUsageSample Guest)> WaitForGuestSampleAsync()
    {
        using var cts = new CancellationTokenSource(Wait);
        await foreach (var (hostId, host, guests) in _pushes.Reader.ReadAllAsync(cts.Token))
        {
            if (guests.SingleOrDefault(g => g.Uuid == _uuid) is { } guest)
            {
                return (hostId, host, guest);
            }
        }

        throw new TimeoutException("No usage sample of the test guest was pushed.");
    }

    private static HubConnection Connect(WebApplicationFactory<Program> agent)
    {
        var server = agent.Server;
        return new HubConnectionBuilder()
            .WithUrl(new System.Uri(server.BaseAddress, IAgentHub.AgentHubPath), o =>
            {
                o.Transports = HttpTransportType.LongPolling;
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.AccessTokenProvider = () => Task.FromResult<string?>(AgentFactory.Token);
            })
            .Build();
    }
}
