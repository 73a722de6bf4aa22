using Microsoft.AspNetCore.Mvc.Testing;
using WebVirt.Testing;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// The real web app on a fresh PostgreSQL database, with one configured agent whose URL nothing
/// listens on, so its host shows as disconnected.
/// </summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public const string AdminPassword = "test-admin-pw";
    public const string HostId = "test-host";

    private TestDatabase? _database;
    private WebApplicationFactory<Program>? _factory;

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not initialized.");

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("web");
        var logs = Path.Combine(Path.GetTempPath(), "webvirt-web-tests", _database.Name);
        var connectionString = _database.ConnectionString;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", connectionString);
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", AdminPassword);
            builder.UseSetting("WebVirt:LogDirectory", logs);
            // The in-memory test server speaks plain HTTP; TLS is tested over real Kestrel in Tls/.
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:ActionTimeoutSeconds", "5");
            builder.UseSetting("WebVirt:Agents:0:HostId", HostId);
            builder.UseSetting("WebVirt:Agents:0:Name", "Unreachable test host");
            // Port 9 (discard) on loopback: nothing listens, so connecting fails at once.
            builder.UseSetting("WebVirt:Agents:0:Url", "http://127.0.0.1:9");
            builder.UseSetting("WebVirt:Agents:0:Token", "test-token");
        });

        // Starts the host: migrations, roles and the admin user are in place after this.
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
}
