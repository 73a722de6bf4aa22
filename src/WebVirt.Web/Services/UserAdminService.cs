using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Services;

/// <summary>
/// User management for administrators. Each call gets its own scope (and so its own DbContext),
/// because a circuit lives far longer than a context should.
/// </summary>
public sealed class UserAdminService(
    AuthenticationStateProvider authentication,
    IServiceScopeFactory scopes,
    SessionStore sessions,
    AuditLog audit)
{
    public const string ErrorForbidden = "forbidden";
    public const string ErrorSelf = "self";
    public const string ErrorNotFound = "not-found";
    public const string ErrorBadRole = "bad-role";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        var actor = await CurrentUserAsync();
        if (!Permissions.IsAllowed(actor, Permission.ManageUsers))
        {
            return [];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        var roleByUser = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().OrderBy(user => user.UserName).ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return users.Select(user => new UserSummary(
                user.Id,
                user.UserName ?? "",
                StrongestRole(roleByUser.Where(r => r.UserId == user.Id).Select(r => r.Name)),
                user.LockoutEnd is { } end && end > now))
            .ToList();
    }

    public async Task<UserChangeResult> CreateAsync(string userName, string password, string role)
    {
        var actor = await CurrentUserAsync();
        var refusal = Refusal(actor, role);
        if (refusal is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = new IdentityUser(userName.Trim());
            var created = await users.CreateAsync(user, password);
            refusal = created.Succeeded
                ? Describe(await users.AddToRoleAsync(user, role))
                : Describe(created);
        }

        return await RecordAsync(actor, "user-create", userName, $"role={role}", refusal);
    }

    public async Task<UserChangeResult> ChangeRoleAsync(string userId, string role)
    {
        var actor = await CurrentUserAsync();
        var refusal = Refusal(actor, role);
        string target = userId;
        if (refusal is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                refusal = ErrorNotFound;
            }
            else
            {
                target = user.UserName ?? userId;
                refusal = IsSelf(actor, user) && role != Roles.Administrator ? ErrorSelf : null;
                if (refusal is null)
                {
                    var current = await users.GetRolesAsync(user);
                    refusal = Describe(await users.RemoveFromRolesAsync(user, current))
                        ?? Describe(await users.AddToRoleAsync(user, role))
                        ?? Describe(await users.UpdateSecurityStampAsync(user));
                    // Open pages keep the roles they started with, so the user signs in again.
                    await sessions.EndAllForUserAsync(user.Id, SessionEndReasons.RoleChanged);
                }
            }
        }

        return await RecordAsync(actor, "user-role", target, $"role={role}", refusal);
    }

    public async Task<UserChangeResult> DeleteAsync(string userId)
    {
        var actor = await CurrentUserAsync();
        var refusal = Permissions.IsAllowed(actor, Permission.ManageUsers) ? null : ErrorForbidden;
        string target = userId;
        if (refusal is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                refusal = ErrorNotFound;
            }
            else
            {
                target = user.UserName ?? userId;
                refusal = IsSelf(actor, user) ? ErrorSelf : null;
                if (refusal is null)
                {
                    await sessions.EndAllForUserAsync(user.Id, SessionEndReasons.Deleted);
                    refusal = Describe(await users.DeleteAsync(user));
                }
            }
        }

        return await RecordAsync(actor, "user-delete", target, null, refusal);
    }

    /// <summary>Sets a new password for another user; all their sessions end.</summary>
    public Task<UserChangeResult> SetPasswordAsync(string userId, string password) =>
        ChangeUserAsync(userId, "user-password", null, async (users, user) =>
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var error = Describe(await users.ResetPasswordAsync(user, token, password));
            if (error is null)
            {
                await sessions.EndAllForUserAsync(user.Id, SessionEndReasons.PasswordChanged);
            }

            return error;
        });

    /// <summary>Disables (no login, all sessions end) or enables a user.</summary>
    public Task<UserChangeResult> SetDisabledAsync(string userId, bool disabled) =>
        ChangeUserAsync(userId, disabled ? "user-disable" : "user-enable", null, async (users, user) =>
        {
            var error = Describe(await users.SetLockoutEnabledAsync(user, true))
                ?? Describe(await users.SetLockoutEndDateAsync(user, disabled ? DateTimeOffset.MaxValue : null))
                ?? Describe(await users.UpdateSecurityStampAsync(user));
            if (error is null && disabled)
            {
                await sessions.EndAllForUserAsync(user.Id, SessionEndReasons.Disabled);
            }

            return error;
        });

    // Shared by the changes an administrator makes to another existing user.
    private async Task<UserChangeResult> ChangeUserAsync(
        string userId, string action, string? detail, Func<UserManager<IdentityUser>, IdentityUser, Task<string?>> change)
    {
        var actor = await CurrentUserAsync();
        var refusal = Permissions.IsAllowed(actor, Permission.ManageUsers) ? null : ErrorForbidden;
        var target = userId;
        if (refusal is null)
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(userId);
            if (user is null)
            {
                refusal = ErrorNotFound;
            }
            else
            {
                target = user.UserName ?? userId;
                refusal = IsSelf(actor, user) ? ErrorSelf : await change(users, user);
            }
        }

        return await RecordAsync(actor, action, target, detail, refusal);
    }

    private static string? StrongestRole(IEnumerable<string?> names)
    {
        var held = names.ToHashSet(StringComparer.Ordinal);
        return Roles.All.FirstOrDefault(held.Contains);
    }

    private static string? Refusal(ClaimsPrincipal actor, string role)
    {
        if (!Permissions.IsAllowed(actor, Permission.ManageUsers))
        {
            return ErrorForbidden;
        }

        return Roles.All.Contains(role) ? null : ErrorBadRole;
    }

    private static bool IsSelf(ClaimsPrincipal actor, IdentityUser user) =>
        string.Equals(actor.Identity?.Name, user.UserName, StringComparison.OrdinalIgnoreCase);

    private static string? Describe(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(error => error.Description));

    private async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    private async Task<UserChangeResult> RecordAsync(ClaimsPrincipal actor, string action, string target, string? detail, string? error)
    {
        await audit.WriteAsync(new AuditEntry
        {
            UserName = actor.Identity?.Name ?? "(anonymous)",
            Action = action,
            Result = error is null ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = string.Join(" ", new[] { "user=" + target, detail, error }.Where(part => part is not null)),
        });
        return new UserChangeResult(error is null, error);
    }
}
