using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Pam;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>
/// A signed-in user's own authenticator: enrol (key, then a first code, then recovery codes),
/// and switch it off again with a current code. Each change is audited; the sign-in cookie is
/// renewed after each, because Identity renews the security stamp and would end this session.
/// </summary>
public sealed class TwoFactorAccount(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, AuditLog audit)
{
    public const string ActionEnrol = "2fa-enrol";
    public const string ActionDisable = "2fa-disable";
    public const string ActionRecoveryCode = "2fa-recovery-code";

    public Task<IdentityUser?> UserAsync(ClaimsPrincipal principal) => users.GetUserAsync(principal);

    public static bool CanEnrol(IdentityUser user) => !HostAccountNames.IsHostAccount(user.UserName);

    /// <summary>The key to show while enrolling; made on first use, kept until enrolment or disabling.</summary>
    public async Task<string> PendingKeyAsync(IdentityUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (!string.IsNullOrEmpty(key))
        {
            return key;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    public Task<int> RecoveryCodesLeftAsync(IdentityUser user) => users.CountRecoveryCodesAsync(user);

    /// <summary>Turns two-factor login on when the code matches the pending key; returns the recovery codes, or null.</summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(IdentityUser user, string? input)
    {
        if (!CanEnrol(user) || user.TwoFactorEnabled || AuthenticatorCodes.AsAuthenticatorCode(input) is not { } code
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await RecordAsync(user, ActionEnrol, ok: false);
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, AuthenticatorCodes.RecoveryCodeCount))?.ToList() ?? [];
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(user, ActionEnrol, ok: true);
        return recoveryCodes;
    }

    /// <summary>Turns two-factor login off with a current code; a later enrolment gets a new key.</summary>
    public async Task<bool> DisableAsync(IdentityUser user, string? input)
    {
        if (!user.TwoFactorEnabled || AuthenticatorCodes.AsAuthenticatorCode(input) is not { } code
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await RecordAsync(user, ActionDisable, ok: false);
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(user, ActionDisable, ok: true);
        return true;
    }

    private Task RecordAsync(IdentityUser user, string action, bool ok) => audit.WriteAsync(new AuditEntry
    {
        UserName = user.UserName ?? "",
        Action = action,
        Result = ok ? AuditEntry.ResultOk : AuditEntry.ResultError,
        Detail = ok ? null : "code not accepted",
    });
}
