using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests;

/// <summary>
/// The inventory every page reads is one shared snapshot: the same instance until something
/// changes, a new one with the change after it, and a guest is found without scanning it.
/// </summary>
public sealed class InventorySnapshotTests
{
    private const string Token = "snapshot-token";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Readers_share_one_snapshot_until_a_change_and_get_a_new_one_with_the_change()
    {
        var alpha = Guest("alpha", GuestState.ShutOff, "h1");
        var beta = Guest("beta", GuestState.Running, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [alpha, beta], Token));
        await using var connections = Connect(agent.Url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Snapshot is { Guests.Count: 2, Hosts: [{ Link: AgentLinkState.Connected }] }, Patience);

        var first = connections.Snapshot;
        Assert.Same(first, connections.Snapshot);
        Assert.Same(first.Guests, connections.Guests);
        Assert.Same(first.Hosts, connections.Hosts);
        Assert.Equal("hv-h1", first.HostNames["h1"]);

        await agent.Hub.Clients.All.GuestChanged(alpha with { State = GuestState.Running, UpdatedAt = DateTimeOffset.UtcNow.AddSeconds(1) });
        await Eventually.TrueAsync(() => !ReferenceEquals(connections.Snapshot, first), Patience);

        var second = connections.Snapshot;
        Assert.True(second.Version > first.Version);
        Assert.Equal(GuestState.Running, second.Guests.Single(g => g.Uuid == alpha.Uuid).State);
        // The earlier snapshot is immutable: a page still holding it sees what it rendered.
        Assert.Equal(GuestState.ShutOff, first.Guests.Single(g => g.Uuid == alpha.Uuid).State);
        Assert.Same(second, connections.Snapshot);

        await agent.Hub.Clients.All.GuestRemoved("h1", beta.Uuid);
        await Eventually.TrueAsync(() => connections.Snapshot.Guests.Count == 1, Patience);
        Assert.Equal(2, second.Guests.Count);
    }

    [Fact]
    public async Task A_guest_is_found_by_host_and_uuid_in_any_case_and_not_on_another_host()
    {
        var alpha = Guest("alpha", GuestState.Running, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [alpha], Token));
        await using var connections = Connect(agent.Url);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Guests.Count == 1, Patience);

        Assert.Equal(alpha, connections.FindGuest("h1", alpha.Uuid));
        Assert.Equal(alpha, connections.FindGuest("h1", alpha.Uuid.ToUpperInvariant()));
        Assert.Null(connections.FindGuest("h2", alpha.Uuid));
        Assert.Null(connections.FindGuest("h1", Guid.NewGuid().ToString()));
    }

    private static AgentConnections Connect(string url) =>
        new(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = "h1", Name = "Test h1", Url = url, Token = Token }],
        }), NullLogger<AgentConnections>.Instance);
}
