using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Gateway;

public sealed class StorageAndNetworkGatewayTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData(Roles.Operator)]
    [InlineData(Roles.Viewer)]
    public async Task Only_administrators_manage_storage_and_networks_and_refusals_are_audited(string role)
    {
        string user = "res-" + role.ToLowerInvariant();
        var pool = new StoragePoolCreateRequest("refused-pool-" + role, StoragePoolKind.Directory, "/srv/refused");

        var result = await AsAsync(user, role, (IStorageGateway storage) => storage.CreatePoolAsync(WebAppFixture.HostId, pool));

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        var entry = await SingleEntryAsync(user);
        Assert.Equal(("create-storage-pool", AuditEntry.ResultError, WebAppFixture.HostId), (entry.Action, entry.Result, entry.TargetHost));
        Assert.StartsWith(pool.Name, entry.Detail);
        Assert.False(Permissions.RoleAllows(role, Permission.ManageNetworks));
    }

    [Fact]
    public async Task An_administrators_change_goes_to_the_agent_and_its_failure_is_audited()
    {
        var network = new VirtualNetworkCreateRequest("lab", VirtualNetworkMode.Isolated, Ipv4Cidr: "10.254.9.0/24");

        var result = await AsAsync("res-admin", Roles.Administrator, (INetworkGateway networks) => networks.CreateNetworkAsync(WebAppFixture.HostId, network));

        // The fixture's agent is unreachable: the request got past the permission check to the connection.
        Assert.Equal(ErrorCodes.AgentUnavailable, result.ErrorCode);
        var entry = await SingleEntryAsync("res-admin");
        Assert.Equal(("create-network", AuditEntry.ResultError), (entry.Action, entry.Result));
        Assert.Contains(ErrorCodes.AgentUnavailable, entry.Detail);
    }

    [Theory]
    [InlineData(Roles.Operator, ErrorCodes.Forbidden)]
    [InlineData(Roles.Administrator, ErrorCodes.AgentUnavailable)]
    public async Task Starting_a_download_task_is_checked_and_audited_like_any_change(string role, string expected)
    {
        string user = "dl-" + role.ToLowerInvariant();
        var request = new StorageVolumeDownloadRequest("images", "https://mirror.example/tool.iso", null, user);

        var result = await AsAsync(user, role, (IStorageGateway storage) => storage.DownloadVolumeAsync(WebAppFixture.HostId, request));

        // An administrator gets past the permission check to the fixture's unreachable agent.
        Assert.False(result.Ok);
        Assert.Equal(expected, result.ErrorCode);
        var entry = await SingleEntryAsync(user);
        Assert.Equal(("download-volume", AuditEntry.ResultError), (entry.Action, entry.Result));
        Assert.Contains(expected, entry.Detail);
    }

    [Fact]
    public async Task Anonymous_callers_may_not_even_look()
    {
        var refusal = await Assert.ThrowsAsync<AgentCallException>(() => AsAsync(null, null,
            (IStorageGateway storage) => storage.GetPoolsAsync(WebAppFixture.HostId)));
        Assert.Equal(ErrorCodes.Forbidden, refusal.ErrorCode);
    }

    [Fact]
    public async Task Pools_volumes_and_networks_cross_the_wire_with_their_enums_and_lists()
    {
        const string token = "agent-token";
        var state = new FakeAgentState(HostSamples.Host("h1"), [], token);
        state.Resources.Pools = [new StoragePoolSummary("h1", "images", "u-1", "dir", true, true, true, 100, 40, 60, "/var/lib/libvirt/images")];
        state.Resources.Volumes["images"] = [new StorageVolumeSummary("images", "a.qcow2", "/var/lib/libvirt/images/a.qcow2", "qcow2", 10, 2, ["web1"])];
        state.Resources.Networks = [new VirtualNetworkSummary("h1", "default", "u-2", VirtualNetworkMode.Routed, "virbr0", "192.168.122.1/24", null,
            "192.168.122.2 – 192.168.122.254", true, false, true, [new DhcpHostEntry("52:54:00:00:00:01", "192.168.122.10", "db")])];
        await using var agent = await FakeAgent.StartAsync(state);
        await using var connections = new AgentConnections(Options.Create(new WebVirtOptions
        {
            Agents = [new Configuration.AgentOptions { HostId = "h1", Name = "h1", Url = agent.Url, Token = token }],
        }), NullLogger<AgentConnections>.Instance);
        await connections.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => connections.Hosts[0].Link == AgentLinkState.Connected, TimeSpan.FromSeconds(20));

        // The hub's calls below fail the test instead of hanging it when the fake agent does not answer.
        using var calls = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var hub = connections.ConnectedHub("h1", calls.Token)!;
        var pools = await hub.GetStoragePools();
        var volumes = await hub.GetStorageVolumes("images");
        var networks = await hub.GetNetworks();
        var deleted = await hub.DeleteStoragePool("images", true);

        Assert.Equal(state.Resources.Pools, pools);
        Assert.Equal(["web1"], Assert.Single(volumes).UsedBy);
        var network = Assert.Single(networks);
        Assert.Equal(VirtualNetworkMode.Routed, network.Mode);
        Assert.Equal(state.Resources.Networks[0].StaticHosts, network.StaticHosts);
        Assert.True(deleted.Ok);
        Assert.Equal((nameof(IAgentHub.DeleteStoragePool), (object?)"images"), Assert.Single(state.Resources.Changes));
    }

    private async Task<T> AsAsync<TGateway, T>(string? user, string? role, Func<TGateway, Task<T>> act)
        where TGateway : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var identity = user is null ? new ClaimsIdentity()
            : new ClaimsIdentity([new Claim(ClaimTypes.Name, user), new Claim(ClaimTypes.Role, role!)], authenticationType: "test");
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return await act(scope.ServiceProvider.GetRequiredService<TGateway>());
    }

    private async Task<AuditEntry> SingleEntryAsync(string user)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        return await db.AuditEntries.SingleAsync(e => e.UserName == user);
    }
}
