using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Testing;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Sessions;

/// <summary>
/// The real web app on its own PostgreSQL database with a clock the tests move by hand, and a
/// test-only header that sets the caller's address (the in-memory test server has none), so
/// throttling per address can be exercised.
/// </summary>
public class SessionAppFixture : IAsyncLifetime
{
    public const string AddressHeader = "X-Test-Remote-Address";

    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;

    public SteppedClock Clock { get; } = new();

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>Real Kestrel on a loopback port instead of the in-memory server, where response headers are checked as in production.</summary>
    protected virtual bool OverKestrel => false;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("sessions");
        var logs = Path.Combine(Path.GetTempPath(), "webvirt-web-tests", _database.Name);
        var connectionString = _database.ConnectionString;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", connectionString);
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", WebAppFixture.AdminPassword);
            builder.UseSetting("WebVirt:LogDirectory", logs);
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:Sessions:IdleTimeout", "01:00:00");
            builder.UseSetting("WebVirt:Sessions:AbsoluteLifetime", "08:00:00");
            if (OverKestrel)
            {
                builder.UseSetting("urls", "http://127.0.0.1:0");
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                services.AddSingleton<IStartupFilter, TestAddressStartupFilter>();
            });
        });
        if (OverKestrel)
        {
            _factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
            _factory.StartServer();
        }

        _ = _factory.Services;
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>A browser-like client (cookies kept, redirects not followed) calling from <paramref name="address"/>.</summary>
    public HttpClient Client(string address)
    {
        var client = OverKestrel
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = ServerAddress() }
            : LoginClient.Create(Factory);
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    public async Task<string> CreateUserAsync(string userName, string password, string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser(userName);
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.Id;
    }

    /// <summary>Runs a service as the signed-in administrator would in a circuit.</summary>
    public async Task<TResult> AsAdminAsync<TService, TResult>(Func<TService, Task<TResult>> act)
        where TService : notnull
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.Administrator)], authenticationType: "test"));
        var authentication = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        authentication.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return await act(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private Uri ServerAddress()
    {
        var addresses = Factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
        return new Uri(addresses.First(address => address.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    private sealed class TestAddressStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
