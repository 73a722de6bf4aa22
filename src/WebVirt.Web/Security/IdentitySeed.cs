using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Configuration;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security;

/// <summary>
/// Creates the roles that are missing, and the first administrator on a database without users:
/// with the configured password, or with a generated one that is logged once.
/// </summary>
public sealed partial class IdentitySeed(
    RoleManager<IdentityRole> roles,
    UserManager<IdentityUser> users,
    IConfiguration configuration,
    ILogger<IdentitySeed> logger) : IDatabaseSeed
{
    public const string AdminUserName = "admin";

    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

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
