using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;
using static WebVirt.Web.Tests.Infrastructure.GuestSamples;

namespace WebVirt.Web.Tests.Gateway;

/// <summary>
/// The console only vouches for a destination it reaches over https with a pinned certificate: any
/// other destination is refused before either agent is asked (the happy path runs in the E2E test
/// with two real agents).
/// </summary>
public sealed class MigrationGatewayTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task A_destination_that_is_unknown_unpinned_or_the_guests_own_host_is_refused_before_any_agent_is_asked()
    {
        var guest = Guest("migrating", GuestState.Running, "h-source");
        var shared = new MigrationChoice(WebAppFixture.HostId, Live: true, CopyStorage: false, null, 0);

        var (destinations, unpinned, unknown, same) = await AsAdministratorAsync(async gateway => (
            gateway.Destinations(guest),
            await gateway.MigrateAsync(guest, shared),
            await gateway.MigrateAsync(guest, shared with { DestinationHostId = "nowhere" }),
            await gateway.MigrateAsync(guest, shared with { DestinationHostId = guest.HostId })));

        // The fixture's host is configured over http without a pinned certificate.
        Assert.Empty(destinations);
        Assert.Equal((ErrorCodes.MigrationDestinationNotPinned, WebAppFixture.HostId), (unpinned.Error!.Code, unpinned.Error.Args[0]));
        Assert.Equal(ErrorCodes.UnknownHost, unknown.Error!.Code);
        Assert.Equal(ErrorCodes.MigrationSameHost, same.Error!.Code);
        Assert.All([unpinned, unknown, same], r => Assert.Null(r.TaskId));
    }

    private async Task<T> AsAdministratorAsync<T>(Func<IMigrationGateway, Task<T>> act)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "mig-admin"), new Claim(ClaimTypes.Role, Roles.Administrator)], authenticationType: "test");
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(new ClaimsPrincipal(identity))));
        return await act(scope.ServiceProvider.GetRequiredService<IMigrationGateway>());
    }
}
