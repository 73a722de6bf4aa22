using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests;

public sealed class AgentConnectionsTests
{
    private const string Token = "agent-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static AgentConnections Connect(string hostId, string url, string token = Token) =>
        new(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = hostId, Name = "Test " + hostId, Url = url, Token = token }],
        }), NullLogger<AgentConnections>.Instance);

    [Fact]
    public async Task ReadsHostAndGuestsAfterConnecting()
    {
        var guest = Guest("alpha", GuestState.Running, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [guest], Token));
        await using var connections = Connect("h1", agent.Url);

        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Connected && connections.Guests.Count == 1, Patience);

        Assert.Equal("hv-h1", connections.Hosts[0].DisplayName);
        Assert.Equal("alpha", connections.Guests[0].Name);
    }

    [Fact]
    public async Task PushesUpdateTheSnapshotAndNotifySubscribers()
    {
        var guest = Guest("alpha", GuestState.ShutOff, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [guest], Token));
        await using var connections = Connect("h1", agent.Url);
        var notifications = 0;
        using var subscription = connections.Subscribe(() => Interlocked.Increment(ref notifications));
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Guests.Count == 1, Patience);

        var before = Volatile.Read(ref notifications);
        await agent.Hub.Clients.All.GuestChanged(guest with { State = GuestState.Running, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        await Eventually.TrueAsync(() => connections.Guests[0].State == GuestState.Running, Patience);
        Assert.True(Volatile.Read(ref notifications) > before);

        await agent.Hub.Clients.All.HostChanged(agent.State.Host with { Hostname = "renamed" });
        await Eventually.TrueAsync(() => connections.Hosts[0].DisplayName == "renamed", Patience);

        await agent.Hub.Clients.All.GuestRemoved("h1", guest.Uuid);
        await Eventually.TrueAsync(() => connections.Guests.Count == 0, Patience);
    }

    [Fact]
    public async Task SubscribersAreNotifiedInTheLanguageTheySubscribedIn()
    {
        var guest = Guest("alpha", GuestState.ShutOff, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [guest], Token));
        await using var connections = Connect("h1", agent.Url);
        var seen = new ConcurrentQueue<string>();
        IDisposable subscription;
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            // A Chinese circuit subscribes; the pushes arrive on SignalR's threads.
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            subscription = connections.Subscribe(() => seen.Enqueue(CultureInfo.CurrentUICulture.Name));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }

        using (subscription)
        {
            await connections.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => connections.Guests.Count == 1, Patience);
            await agent.Hub.Clients.All.GuestChanged(guest with { State = GuestState.Running, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) });
            await Eventually.TrueAsync(() => connections.Guests.Count == 1 && connections.Guests[0].State == GuestState.Running, Patience);
        }

        Assert.NotEmpty(seen);
        Assert.All(seen, name => Assert.Equal("zh-Hans", name));
    }

    [Fact]
    public async Task UnsubscribedCallbackIsNoLongerCalled()
    {
        var guest = Guest("alpha", GuestState.ShutOff, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [guest], Token));
        await using var connections = Connect("h1", agent.Url);
        var calls = 0;
        var subscription = connections.Subscribe(() => Interlocked.Increment(ref calls));
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Guests.Count == 1, Patience);

        subscription.Dispose();
        var afterUnsubscribe = Volatile.Read(ref calls);
        await agent.Hub.Clients.All.GuestChanged(guest with { State = GuestState.Running, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        await Eventually.TrueAsync(() => connections.Guests[0].State == GuestState.Running, Patience);

        Assert.Equal(afterUnsubscribe, Volatile.Read(ref calls));
    }

    [Fact]
    public async Task WrongTokenLeavesTheHostDisconnectedWithTheError()
    {
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [], Token));
        await using var connections = Connect("h1", agent.Url, token: "wrong");

        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts[0] is { Link: AgentLinkState.Disconnected, Error: not null }, Patience);

        Assert.Contains("401", connections.Hosts[0].Error);
        Assert.Null(connections.Hosts[0].Info);
    }

    [Fact]
    public async Task AgentThatStartsLaterIsConnectedByTheRetryLoop()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        await using var connections = Connect("h1", url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Disconnected, Patience);

        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [Guest("late", GuestState.Running, "h1")], Token), url);

        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Connected && connections.Guests.Count == 1, Patience);
    }

    [Fact]
    public async Task AgentRestartIsFollowedByAReconnectAndAFreshRead()
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var first = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [Guest("before", GuestState.Running, "h1")], Token), url);
        await using var connections = Connect("h1", url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Guests.Count == 1 && connections.Guests[0].Name == "before", Patience);

        await first.DisposeAsync();
        await Eventually.TrueAsync(() => connections.Hosts[0].Link != AgentLinkState.Connected, Patience);
        await using var second = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [Guest("after", GuestState.Paused, "h1")], Token), url);

        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Connected && connections.Guests.Count == 1 && connections.Guests[0].Name == "after", Patience);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
