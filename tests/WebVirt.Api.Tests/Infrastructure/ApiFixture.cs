using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Web.Agents;
using WebVirt.Web.Api;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>
/// The real agent on qemu:///system with one TCG test guest (defined, shut off) and its own
/// PostgreSQL database, and the web console in process on the same database, so tests can make
/// users and tokens through the console's own services and call /api/v1 over its test server.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    public const string LibvirtUri = "qemu:///system";
    public const string AdminPassword = "Admin-pass-api-1";

    private string _runDirectory = "";

    public WebVirtStack Stack { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public string GuestName { get; } = TestRun.GuestName("api");

    public string GuestUuid { get; private set; } = "";

    public string HostId => Stack.HostId;

    /// <summary>Where the in-process web writes its log files (the agent's go to the artifacts' logs).</summary>
    public string WebLogDirectory { get; private set; } = "";

    public async Task InitializeAsync()
    {
        _runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(_runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var connection = LibvirtConnection.Open(LibvirtUri))
        using (var domain = connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(GuestName, _runDirectory)))
        {
            GuestUuid = domain.Uuid;
        }

        Stack = await WebVirtStack.StartAsync(LibvirtUri, "api", startWeb: false);
        WebLogDirectory = Path.Combine(TestArtifacts.Directory, "logs", "web-api-" + Stack.Database.Name);
        Factory = CreateFactory(new Dictionary<string, string?>());
        await WaitForGuestAsync(Factory);
    }

    /// <summary>Another console in process on the same database and agent, with settings of its own (rate limits).</summary>
    public WebApplicationFactory<Program> CreateFactory(IReadOnlyDictionary<string, string?> settings)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", Stack.Database.ConnectionString);
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("WebVirt:LogDirectory", WebLogDirectory);
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:Agents:0:HostId", Stack.HostId);
            builder.UseSetting("WebVirt:Agents:0:Name", Stack.HostId);
            builder.UseSetting("WebVirt:Agents:0:Url", Stack.AgentUrl);
            builder.UseSetting("WebVirt:Agents:0:Token", Stack.AgentToken);
            // Generous unless a test sets its own: every call of the in-memory test server comes from one (unknown) address.
            builder.UseSetting("WebVirt:Api:PermitsPerToken", "10000");
            builder.UseSetting("WebVirt:Api:PermitsPerAddress", "10000");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
        _ = factory.Services;
        return factory;
    }

    /// <summary>Waits until the console's inventory holds the test guest (the agent connected and reported).</summary>
    public static async Task WaitForGuestAsync(WebApplicationFactory<Program> factory, string? name = null)
    {
        var agents = factory.Services.GetRequiredService<AgentConnections>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!agents.Guests.Any(guest => name is null || guest.Name == name))
        {
            Assert.True(DateTime.UtcNow < deadline, "The console never listed the test guest.");
            await Task.Delay(200);
        }
    }

    /// <summary>Makes a console user with one role, as the Users page would.</summary>
    public async Task<ClaimsPrincipal> CreateUserAsync(string role)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("api-" + role.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True((await users.CreateAsync(user, "Api-user-pass-1")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!), new Claim(ClaimTypes.Role, role)], "Test"));
    }

    /// <summary>Runs <paramref name="work"/> with the console's token service acting for <paramref name="user"/>, as the account page does for its user.</summary>
    public async Task<T> AsUserAsync<T>(ClaimsPrincipal user, Func<ApiTokenService, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ApiRequestUser>().User = user;
        return await work(scope.ServiceProvider.GetRequiredService<ApiTokenService>());
    }

    public async Task<string> CreateTokenAsync(ClaimsPrincipal user, ApiTokenScope scope, DateTimeOffset? expiresAt = null, string? name = null)
    {
        var created = await AsUserAsync(user, tokens => tokens.CreateAsync(name ?? "token-" + Guid.NewGuid().ToString("N")[..6], scope, expiresAt));
        Assert.True(created.Ok, created.Error);
        return created.Token!;
    }

    public HttpClient Client(string? token, WebApplicationFactory<Program>? factory = null)
    {
        var client = (factory ?? Factory).CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
        }

        if (Stack is not null)
        {
            await Stack.DisposeAsync();
        }

        RemoveGuest();
        if (Directory.Exists(_runDirectory))
        {
            Directory.Delete(_runDirectory, recursive: true);
        }
    }

    private void RemoveGuest()
    {
        using var connection = LibvirtConnection.Open(LibvirtUri);
        try
        {
            using var domain = connection.LookupDomainByName(GuestName);
            if (domain.IsActive())
            {
                domain.Destroy();
            }

            domain.Undefine();
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFixture>
{
    public const string Name = "api";
}
