using System.Security.Claims;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Configuration;
using WebVirt.Web.Console;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests;

/// <summary>The console page's thumbnail: a data: URL for every role that sees the inventory, nothing otherwise.</summary>
public sealed class GuestThumbnailsTests
{
    private const string Token = "agent-token";

    [Fact]
    public async Task Every_role_that_sees_the_inventory_gets_the_png_of_a_running_guest_and_others_nothing()
    {
        var running = Guest("alpha", GuestState.Running, "h1");
        var stopped = Guest("beta", GuestState.ShutOff, "h1");
        await using var agent = await FakeAgent.StartAsync(new FakeAgentState(HostSamples.Host("h1"), [running, stopped], Token));
        await using var connections = new AgentConnections(Options.Create(new WebVirtOptions
        {
            Agents = [new AgentOptions { HostId = "h1", Name = "Test h1", Url = agent.Url, Token = Token }],
        }), NullLogger<AgentConnections>.Instance);
        await connections.StartAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (connections.Hosts[0].Link != AgentLinkState.Connected)
            {
                await Task.Delay(25, timeout.Token);
            }
        }

        var expected = "data:image/png;base64," + Convert.ToBase64String(FakeAgentHub.ScreenshotPng);
        foreach (var role in new[] { Roles.Viewer, Roles.Operator, Roles.Administrator })
        {
            Assert.Equal(expected, await GuestThumbnails.FetchDataUrlAsync(connections, User(role), "h1", running.Uuid, CancellationToken.None));
        }

        Assert.Null(await GuestThumbnails.FetchDataUrlAsync(connections, new ClaimsPrincipal(new ClaimsIdentity()), "h1", running.Uuid, CancellationToken.None));
        Assert.Null(await GuestThumbnails.FetchDataUrlAsync(connections, User(Roles.Viewer), "h1", stopped.Uuid, CancellationToken.None));
        Assert.Null(await GuestThumbnails.FetchDataUrlAsync(connections, User(Roles.Viewer), "unknown-host", running.Uuid, CancellationToken.None));
    }

    private static ClaimsPrincipal User(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "u-" + role), new Claim(ClaimTypes.Role, role)], "test"));
}
