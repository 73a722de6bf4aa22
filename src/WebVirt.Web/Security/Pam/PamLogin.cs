using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;

namespace WebVirt.Web.Security.Pam;

/// <summary>
/// The password check of a host account: its password is checked by PAM, its role comes from its
/// host groups at every login, and it is the console user "pam:NAME", created on its first login.
/// The rest of the login (throttling, audit, disabled users, the session) is LoginService's, as
/// for WebVirt accounts.
/// </summary>
public sealed class PamLogin(
    IOptionsMonitor<PamOptions> options,
    PamAuthenticator authenticator,
    UserManager<IdentityUser> users,
    AuditLog audit)
{
    public const string ActionRoleSync = "pam-role-sync";

    public const string AuthenticationMethod = "pam";

    public bool Enabled => options.CurrentValue.Enabled;

    /// <summary>PAM, groups → role, the console user made or updated; the user, or why not.</summary>
    public async Task<(PamLoginResult Result, IdentityUser? User)> CheckAsync(string userName, string password, string? remoteAddress, CancellationToken cancellationToken = default)
    {
        var current = options.CurrentValue;
        if (!current.Enabled || !HostAccountNames.IsValidHostUserName(userName) || string.IsNullOrEmpty(password))
        {
            return (PamLoginResult.Failed, null);
        }

        if (!await authenticator.AuthenticateAsync(userName, password, remoteAddress, cancellationToken))
        {
            return (PamLoginResult.Failed, null);
        }

        var role = HostAccounts.GroupsOf(userName) is { } groups ? PamRoleMap.StrongestRole(groups, current.GroupRoles) : null;
        if (role is null)
        {
            return (PamLoginResult.NoMappedGroup, null);
        }

        var user = await FindOrCreateAsync(userName);
        if (user is null || !await SyncRoleAsync(user, role))
        {
            return (PamLoginResult.Failed, null);
        }

        return (PamLoginResult.Succeeded, user);
    }

    private async Task<IdentityUser?> FindOrCreateAsync(string userName)
    {
        var user = await users.FindByLoginAsync(HostAccountNames.LoginProvider, userName);
        if (user is not null)
        {
            return user;
        }

        user = new IdentityUser(HostAccountNames.ConsoleName(userName));
        if (!(await users.CreateAsync(user)).Succeeded)
        {
            return null;
        }

        // Lockout on, so an administrator can disable the host account like any other. Failed logins
        // never count towards it (LoginService throttles instead), so nobody can lock the host user out.
        var login = new UserLoginInfo(HostAccountNames.LoginProvider, userName, "PAM");
        if ((await users.AddLoginAsync(user, login)).Succeeded && (await users.SetLockoutEnabledAsync(user, true)).Succeeded)
        {
            return user;
        }

        await users.DeleteAsync(user);
        return null;
    }

    /// <summary>Exactly the one role the groups grant; a change also renews the security stamp, so older sessions re-check.</summary>
    private async Task<bool> SyncRoleAsync(IdentityUser user, string role)
    {
        var held = await users.GetRolesAsync(user);
        if (held.Count == 1 && held[0] == role)
        {
            return true;
        }

        var synced = (await users.RemoveFromRolesAsync(user, held)).Succeeded
            && (await users.AddToRoleAsync(user, role)).Succeeded
            && (await users.UpdateSecurityStampAsync(user)).Succeeded;
        await audit.WriteAsync(new AuditEntry
        {
            UserName = user.UserName ?? "",
            Action = ActionRoleSync,
            Result = synced ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = $"role={role} was={(held.Count == 0 ? "-" : string.Join(',', held))}",
        });
        return synced;
    }
}

public enum PamLoginResult
{
    Succeeded,

    /// <summary>Right password, but none of the user's host groups maps to a role.</summary>
    NoMappedGroup,

    /// <summary>PAM refused or host login is off: both look the same to the caller.</summary>
    Failed,
}
