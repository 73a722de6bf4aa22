using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Configuration;
using WebVirt.Web.Security;

namespace WebVirt.Web.Data;

/// <summary>
/// Brings the database to the current schema when it is behind (EF Core takes its migration lock,
/// so several replicas may start at once), creates the roles, and the first administrator on an
/// empty database. An installed console's database role may not change the schema: install runs
/// <c>--migrate</c> with the owner role first, so at start nothing is pending and no DDL is tried.
/// </summary>
public sealed partial class DatabaseInitializer(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string AdminUserName = "admin";

    /// <summary>Command-line switch: apply the migrations, then exit without serving.</summary>
    public const string MigrateSwitch = "--migrate";

    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await MigrateIfBehindAsync(scope.ServiceProvider.GetRequiredService<WebDbContext>(), cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.Users.AnyAsync(cancellationToken))
        {
            return;
        }

        var configured = configuration[WebVirtOptions.AdminPasswordKey];
        var password = string.IsNullOrEmpty(configured) ? RandomNumberGenerator.GetString(PasswordAlphabet, 20) : configured;
        var admin = new IdentityUser(AdminUserName);
        Check(await users.CreateAsync(admin, password), "create the admin user");
        Check(await users.AddToRoleAsync(admin, Roles.Administrator), "make admin an Administrator");

        if (string.IsNullOrEmpty(configured))
        {
            GeneratedAdminPassword(logger, AdminUserName, password);
        }
        else
        {
            ConfiguredAdminCreated(logger, AdminUserName, WebVirtOptions.AdminPasswordKey);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies the pending migrations only (the <c>--migrate</c> command), then returns.</summary>
    public static async Task MigrateOnlyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        await MigrateIfBehindAsync(scope.ServiceProvider.GetRequiredService<WebDbContext>(), cancellationToken);
    }

    private static async Task MigrateIfBehindAsync(WebDbContext db, CancellationToken cancellationToken)
    {
        // Reading the history needs only SELECT; Migrate would try CREATE TABLE IF NOT EXISTS first.
        if (await db.Database.CanConnectAsync(cancellationToken)
            && !(await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            return;
        }

        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                "The database schema is behind this version and this database role may not change it: run the install again "
                + "(or this program with --migrate and the owner role's connection string).", ex);
        }
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join("; ", result.Errors.Select(error => error.Description))}");
        }
    }

    // Shown once, on the first start only: the password is stored nowhere but as a hash.
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Generated password for {UserName:l}: {Password:l}")]
    private static partial void GeneratedAdminPassword(ILogger logger, string userName, string password);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Created user {UserName} with the password from {Key}")]
    private static partial void ConfiguredAdminCreated(ILogger logger, string userName, string key);
}
