using WebVirt.Testing;

namespace WebVirt.Web.Tests.Tls;

/// <summary>One console database for a class of tests that each start their own web process on it.</summary>
public sealed class TlsDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync("tls");

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>One web process with the default settings: HTTPS on its port, a certificate folder it makes itself.</summary>
public sealed class TlsWebFixture : IAsyncLifetime
{
    private TestDatabase? _database;
    private TlsWebProcess? _web;

    public TlsWebProcess Web => _web ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("tlsweb");
        // A folder that does not exist yet, two levels deep: the console creates it, mode 700.
        _web = await TlsWebProcess.StartReadyAsync(_database, Path.Combine(TestCertificates.NewFolderPath("default"), "certs"));
    }

    public async Task DisposeAsync()
    {
        if (_web is not null)
        {
            await _web.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
