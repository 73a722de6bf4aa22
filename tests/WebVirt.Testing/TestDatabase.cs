using Npgsql;

namespace WebVirt.Testing;

/// <summary>
/// An empty PostgreSQL database of its own for one test class or fixture, dropped when disposed. Its
/// name starts with "wvt_" so the test script's cleanup finds it after a crashed run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=5432;Username=webvirt_test;Password=webvirt_test";

    private TestDatabase(string name, string connectionString, string adminConnectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        AdminConnectionString = adminConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string AdminConnectionString { get; }

    public static string Server => Environment.GetEnvironmentVariable("WEBVIRT_TEST_PG") is { Length: > 0 } configured ? configured : DefaultServer;

    public static Task<TestDatabase> CreateAsync(string purpose) => CreateAsync(purpose, Server);

    /// <summary>A database on another server than the shared one (a fault test's own, see <see cref="PrivatePostgres"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(string purpose, string server)
    {
        var name = $"wvt_{purpose}_{Guid.NewGuid():N}";
        name = name[..Math.Min(63, name.Length)];
        var database = new TestDatabase(
            name,
            new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
            new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString);
        await database.ExecuteAdminAsync($"CREATE DATABASE \"{name}\"");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();

        // FORCE ends connections the code under test may still hold open.
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
