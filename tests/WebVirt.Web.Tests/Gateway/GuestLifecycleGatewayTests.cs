using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests.Gateway;

public sealed class GuestLifecycleGatewayTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task ViewerIsRefusedAndTheRefusalIsAudited()
    {
        var guest = Guest("viewer-target", GuestState.ShutOff, WebAppFixture.HostId);

        var result = await ActAsAsync("vera", Roles.Viewer, service => service.ActAsync(guest, GuestAction.Start));

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        var entry = await SingleEntryAsync(guest.Uuid);
        Assert.Equal("vera", entry.UserName);
        Assert.Equal("start", entry.Action);
        Assert.Equal(AuditEntry.ResultError, entry.Result);
        Assert.Equal(WebAppFixture.HostId, entry.TargetHost);
        Assert.Equal("viewer-target", entry.TargetGuestName);
        Assert.Contains(ErrorCodes.Forbidden, entry.Detail);
    }

    [Fact]
    public async Task OperatorsActionReachesTheAgentAndAnUnreachableAgentIsReportedAndAudited()
    {
        var guest = Guest("operator-target", GuestState.Running, WebAppFixture.HostId);

        var result = await ActAsAsync("otto", Roles.Operator, service => service.ActAsync(guest, GuestAction.Shutdown));

        Assert.False(result.Ok);
        Assert.Equal(ErrorCodes.AgentUnavailable, result.ErrorCode);
        Assert.Equal("Hint.AgentUnavailable", result.HintKey);
        var entry = await SingleEntryAsync(guest.Uuid);
        Assert.Equal("otto", entry.UserName);
        Assert.Equal("shutdown", entry.Action);
        Assert.Equal(AuditEntry.ResultError, entry.Result);
    }

    [Fact]
    public async Task OperatorMayNotSwitchAHostToEmulation()
    {
        var result = await ActAsAsync("olga", Roles.Operator, (IHostGateway hosts) => hosts.SetUseEmulationAsync(WebAppFixture.HostId, true));

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.UserName == "olga");
        Assert.Equal(HostGateway.SetUseEmulationAction, entry.Action);
        Assert.Equal(AuditEntry.ResultError, entry.Result);
    }

    [Fact]
    public async Task UnauthenticatedCallerIsRefused()
    {
        var guest = Guest("anonymous-target", GuestState.ShutOff, WebAppFixture.HostId);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity()))));

        var result = await scope.ServiceProvider.GetRequiredService<IGuestLifecycleGateway>().ActAsync(guest, GuestAction.Start);

        Assert.Equal(ErrorCodes.Forbidden, result.ErrorCode);
        Assert.Equal(AuditEntry.ResultError, (await SingleEntryAsync(guest.Uuid)).Result);
    }

    [Fact]
    public async Task UnreachableAgentShowsAsDisconnectedWithTheError()
    {
        var agents = app.Factory.Services.GetRequiredService<AgentConnections>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HostView host;
        do
        {
            host = Assert.Single(agents.Hosts);
            if (host.Link == AgentLinkState.Disconnected && host.Error is not null)
            {
                break;
            }

            await Task.Delay(100, timeout.Token);
        }
        while (true);

        Assert.Equal(WebAppFixture.HostId, host.HostId);
        Assert.Null(host.Info);
        Assert.Empty(agents.Guests);
    }

    private Task<ActionResult> ActAsAsync(string userName, string role, Func<IGuestLifecycleGateway, Task<ActionResult>> act) => ActAsAsync<IGuestLifecycleGateway>(userName, role, act);

    private async Task<ActionResult> ActAsAsync<TGateway>(string userName, string role, Func<TGateway, Task<ActionResult>> act)
        where TGateway : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, userName), new Claim(ClaimTypes.Role, role)], authenticationType: "test"));
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await act(scope.ServiceProvider.GetRequiredService<TGateway>());
    }

    private async Task<AuditEntry> SingleEntryAsync(string guestUuid)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var entry = await db.AuditEntries.SingleAsync(e => e.TargetGuestUuid == guestUuid);
        Assert.True(entry.At > DateTimeOffset.UtcNow.AddMinutes(-5));
        return entry;
    }
}
