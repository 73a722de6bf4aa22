using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WebVirt.Data;
using WebVirt.Testing;
using WebVirt.Web.Data;

namespace WebVirt.Web.Tests.Hardening;

/// <summary>
/// The grants install applies (deploy/sql/grants.sql) on a database migrated by its owner: the
/// web's role only appends to and reads the audit log, writes the agent schema's rows but not its migrations, creates no
/// tables, and the console still starts with it; the audit log's trigger refuses changes even to
/// a superuser.
/// </summary>
public sealed class DatabaseRolesTests : IAsyncLifetime
{
    // Test-only credentials for roles that live as long as this class.
    private const string TestRolePassword = "test-only-role-password";

    private readonly string _webRole = $"wvt_{TestRun.Id}_{Guid.NewGuid():N}"[..30] + "_w";
    // The agents' role of earlier versions, which the grants retire: agents hold no database credentials.
    private readonly string _agentRole = $"wvt_{TestRun.Id}_{Guid.NewGuid():N}"[..30] + "_a";
    private TestDatabase? _database;

    private TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync("roles");
        await using (var web = new WebDbContext(new DbContextOptionsBuilder<WebDbContext>()
            .UseNpgsql(Database.ConnectionString, o => o.MigrationsHistoryTable(WebDatabase.MigrationsHistoryTable)).Options))
        {
            await web.Database.MigrateAsync();
        }

        var services = new ServiceCollection().AddWebVirtData(Database.ConnectionString).BuildServiceProvider();
        await using (services)
        {
            await AgentDatabase.MigrateAsync(services, CancellationToken.None);
        }

        foreach (var role in new[] { _webRole, _agentRole })
        {
            await ExecuteAsync(Database.ConnectionString, $"CREATE ROLE \"{role}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{TestRolePassword}'");
        }

        // As an earlier install left it: the agent's role with rights in its schema.
        await ExecuteAsync(Database.ConnectionString, $"GRANT USAGE ON SCHEMA agent TO \"{_agentRole}\"; GRANT SELECT ON ALL TABLES IN SCHEMA agent TO \"{_agentRole}\"");
        await RunGrantsAsync();
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await _database.DisposeAsync();
        var server = new NpgsqlConnectionStringBuilder(TestDatabase.Server) { Database = "postgres", Pooling = false }.ConnectionString;
        foreach (var role in new[] { _webRole, _agentRole })
        {
            await ExecuteAsync(server, $"DROP ROLE IF EXISTS \"{role}\"");
        }
    }

    [Fact]
    public async Task The_web_role_appends_to_and_reads_the_audit_log_but_cannot_change_it()
    {
        var web = As(_webRole);
        await ExecuteAsync(web, """INSERT INTO audit_entries ("At", "UserName", "Action", "Result") VALUES (now(), 'tester', 'test', 'ok')""");
        Assert.Equal(1L, await ScalarAsync(web, "SELECT count(*) FROM audit_entries"));

        foreach (var sql in new[] { """UPDATE audit_entries SET "Detail" = 'x'""", "DELETE FROM audit_entries", "TRUNCATE audit_entries" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(web, sql));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal(1L, await ScalarAsync(web, "SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task The_trigger_refuses_changes_to_the_audit_log_even_for_a_superuser()
    {
        await ExecuteAsync(Database.ConnectionString, """INSERT INTO audit_entries ("At", "UserName", "Action", "Result") VALUES (now(), 'tester', 'test', 'ok')""");
        foreach (var sql in new[] { """UPDATE audit_entries SET "Detail" = 'x'""", "DELETE FROM audit_entries", "TRUNCATE audit_entries" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(Database.ConnectionString, sql));
            Assert.Contains("append-only", refused.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_app_role_stays_in_its_own_tables_and_creates_nothing()
    {
        var web = As(_webRole);
        // The web writes what agents report; it may not rewrite the agent schema's migration history.
        Assert.Equal(0L, await ScalarAsync(web, "SELECT count(*) FROM agent.\"Guests\""));
        await AssertRefusedAsync(web, "INSERT INTO \"__ef_migrations_agent\" VALUES ('x', 'y')");
        await AssertRefusedAsync(web, "CREATE TABLE agent.wvt_not_allowed (i int)");
        await AssertRefusedAsync(web, "CREATE TABLE wvt_not_allowed (i int)");
        await AssertRefusedAsync(web, $"INSERT INTO \"{WebDatabase.MigrationsHistoryTable}\" VALUES ('x', 'y')");
        Assert.Equal(false, await ScalarAsync(Database.ConnectionString, $"SELECT rolsuper OR rolcreatedb OR rolcreaterole FROM pg_roles WHERE rolname = '{_webRole}'"));
        // The agents' role of earlier versions is gone: its credentials on a hypervisor open nothing.
        Assert.Equal(0L, await ScalarAsync(Database.ConnectionString, $"SELECT count(*) FROM pg_roles WHERE rolname = '{_agentRole}'"));
    }

    [Fact]
    public async Task The_console_starts_with_its_role_when_the_schema_is_current()
    {
        // Nothing pending in either schema: no DDL is tried, which this role could not run.
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:WebVirt", As(_webRole));
            builder.UseSetting("WEBVIRT_ADMIN_PASSWORD", "test-admin-pw");
            builder.UseSetting("WebVirt:LogDirectory", Path.Combine(Path.GetTempPath(), "webvirt-web-tests", Database.Name));
            builder.UseSetting("WebVirt:PlainHttp", "true");
            builder.UseSetting("WebVirt:Agents:0:HostId", "roles-host");
            builder.UseSetting("WebVirt:Agents:0:Url", "http://127.0.0.1:9");
            builder.UseSetting("WebVirt:Agents:0:Token", "test-token");
        });
        _ = factory.Services;
        Assert.Equal(1L, await ScalarAsync(As(_webRole), "SELECT count(*) FROM \"AspNetUsers\" WHERE \"UserName\" = 'admin'"));
    }

    private string As(string role) =>
        new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Username = role, Password = TestRolePassword, Pooling = false }.ConnectionString;

    private static async Task AssertRefusedAsync(string connectionString, string sql)
    {
        var refused = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(connectionString, sql));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
    }

    private async Task RunGrantsAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        var start = new ProcessStartInfo("psql")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
        {
            "-X", "-q", "-h", server.Host!, "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", server.Username!, "-d", Database.Name,
            "-v", "owner=unused", "-v", $"web_role={_webRole}", "-v", $"agent_role={_agentRole}",
            "-f", Path.Combine(RepositoryRoot.Find(), "deploy", "sql", "grants.sql"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGPASSWORD"] = server.Password;
        using var psql = Process.Start(start) ?? throw new InvalidOperationException("psql did not start");
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.StandardOutput.ReadToEndAsync();
        await psql.WaitForExitAsync();
        Assert.True(psql.ExitCode == 0, $"grants.sql failed: {await errors}");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
