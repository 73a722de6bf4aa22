using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace WebVirt.Data.Tests.Infrastructure;

/// <summary>An empty database of its own for one test class, dropped when the class is done whatever its tests did.</summary>
public class PostgresDatabase : IAsyncLifetime
{
    private readonly List<ServiceProvider> providers = [];

    public PostgresDatabase()
    {
        var server = WebVirt.Testing.TestDatabase.Server;
        Name = $"wvt_data_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = Name }.ConnectionString;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string AdminConnectionString { get; }

    /// <summary>A container wired as the agent wires it; each one has its own connection pool.</summary>
    public IServiceProvider CreateServices()
    {
        var provider = new ServiceCollection().AddWebVirtData(ConnectionString).BuildServiceProvider();
        lock (providers)
        {
            providers.Add(provider);
        }

        return provider;
    }

    public virtual async Task InitializeAsync() =>
        await ExecuteAdminAsync($"CREATE DATABASE \"{Name}\"");

    public async Task DisposeAsync()
    {
        ServiceProvider[] owned;
        lock (providers)
        {
            owned = [.. providers];
            providers.Clear();
        }

        foreach (var provider in owned)
        {
            await provider.DisposeAsync();
        }

        // FORCE ends the pooled connections the providers may still hold open.
        await ExecuteAdminAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    public async Task<T> QueryScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    protected async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
