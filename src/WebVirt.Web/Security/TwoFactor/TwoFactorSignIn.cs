using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Data;
using WebVirt.Web.Services;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>
/// The login's second step: after the right password, Identity holds the user in its two-factor
/// cookie until a code from the authenticator app or an unused recovery code completes the login.
/// </summary>
public sealed class TwoFactorSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, AuditLog audit)
{
    public const string Path = "/login/two-factor";

    public static string PathFor(string? returnUrl) =>
        LocalUrl.IsLocal(returnUrl) ? $"{Path}?ReturnUrl={Uri.EscapeDataString(returnUrl!)}" : Path;

    /// <summary>True while a password was accepted and the second step is still open.</summary>
    public async Task<bool> IsPendingAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    public async Task<TwoFactorSignInResult> SignInAsync(string? input)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return TwoFactorSignInResult.NotPending;
        }

        if (AuthenticatorCodes.AsAuthenticatorCode(input) is { } code)
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            return result.Succeeded ? TwoFactorSignInResult.Succeeded : TwoFactorSignInResult.Failed;
        }

        if (AuthenticatorCodes.AsRecoveryCode(input) is { } recoveryCode)
        {
            var result = await signIn.TwoFactorRecoveryCodeSignInAsync(recoveryCode);
            await audit.WriteAsync(new AuditEntry
            {
                UserName = user.UserName ?? "",
                Action = TwoFactorAccount.ActionRecoveryCode,
                Result = result.Succeeded ? AuditEntry.ResultOk : AuditEntry.ResultError,
                Detail = result.Succeeded
                    ? $"left={await users.CountRecoveryCodesAsync(user)}"
                    : "code not accepted",
            });
            return result.Succeeded ? TwoFactorSignInResult.Succeeded : TwoFactorSignInResult.Failed;
        }

        // Not even shaped like a code: refused without spending an attempt.
        return TwoFactorSignInResult.Failed;
    }
}

public enum TwoFactorSignInResult
{
    Succeeded,
    Failed,

    /// <summary>No password was accepted in this browser (or it was too long ago): back to the login form.</summary>
    NotPending,
}
