using System.Net;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Contracts;
using WebVirt.Web.Agents;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.GuestPage;

using GuestPage = WebVirt.Web.Components.Pages.GuestPage;

/// <summary>
/// Guest thumbnails are images fetched by URL through the same permission check as every read of
/// the inventory: the page only names the URL, the endpoint answers with the PNG.
/// </summary>
[Collection(GuestPageCollection.Name)]
public sealed class ScreenshotEndpointTests(GuestPageFixture fixture) : GuestPageTestContext(fixture)
{
    private const string UserHeader = "X-Test-User";
    private const string RoleHeader = "X-Test-Role";

    [Fact]
    public async Task The_endpoint_serves_the_png_to_a_viewer_and_refuses_anonymous_users_and_users_without_the_right()
    {
        var running = await Fixture.AddGuestAsync("shot-run");
        var stopped = await Fixture.AddGuestAsync("shot-off", GuestState.ShutOff);
        await using var factory = Fixture.Factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new TestUserFilter())));
        var agents = factory.Services.GetRequiredService<AgentConnections>();
        await GuestPageFixture.EventuallyAsync(() => agents.Guests.Any(g => g.Uuid == stopped.Guest.Uuid));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var path = ScreenshotEndpoints.PathFor(GuestPageFixture.HostId, running.Guest.Uuid, 1);

        using var shown = await GetAsync(client, path, "vera", Roles.Viewer);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/png", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(FakeAgentHub.ScreenshotPng, await shown.Content.ReadAsByteArrayAsync());
        Assert.True(shown.Headers.CacheControl is { NoStore: true, Private: true });

        using var anonymous = await GetAsync(client, path, null, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var noRole = await GetAsync(client, path, "nobody", "");
        Assert.Equal(HttpStatusCode.Forbidden, noRole.StatusCode);
        Assert.Empty(await noRole.Content.ReadAsByteArrayAsync());

        using var dark = await GetAsync(client, ScreenshotEndpoints.PathFor(GuestPageFixture.HostId, stopped.Guest.Uuid, 1), "vera", Roles.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, dark.StatusCode);
        using var unknownHost = await GetAsync(client, ScreenshotEndpoints.PathFor("no-such-host", running.Guest.Uuid, 1), "vera", Roles.Viewer);
        Assert.Equal(HttpStatusCode.NotFound, unknownHost.StatusCode);
    }

    [Fact]
    public async Task The_guest_page_names_the_thumbnail_by_url_and_not_as_inline_data()
    {
        var running = await Fixture.AddGuestAsync("shot-page");

        var page = RenderAs<GuestPage>(NewUser(Roles.Viewer), Roles.Viewer, p => p
            .Add(c => c.HostId, GuestPageFixture.HostId)
            .Add(c => c.Uuid, running.Guest.Uuid));
        var thumbnail = page.WaitForElement("[data-testid='guest-thumbnail']", TimeSpan.FromSeconds(10));

        Assert.Matches($"^/screens/{GuestPageFixture.HostId}/{running.Guest.Uuid}\\.png\\?v=[0-9]+$", thumbnail.GetAttribute("src"));
    }

    private static Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string? user, string? role)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Add(UserHeader, user);
            request.Headers.Add(RoleHeader, role);
        }

        return client.SendAsync(request);
    }

    /// <summary>Signs the request in as the user the test names, standing in for the login cookie.</summary>
    private sealed class TestUserFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers[UserHeader].ToString() is { Length: > 0 } name)
                {
                    var role = context.Request.Headers[RoleHeader].ToString();
                    Claim[] claims = role.Length > 0 ? [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)] : [new Claim(ClaimTypes.Name, name)];
                    context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "Test"));
                }

                await nextMiddleware(context);
            });
            next(builder);
        };
    }
}
