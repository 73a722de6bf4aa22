using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Login;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>
/// The login's second step: after the right password, Identity's two-factor cookie names the user
/// until a code from the authenticator app or an unused recovery code completes the login through
/// <see cref="LoginService.SecondFactorAsync"/> (throttled, audited, a server-side session).
/// </summary>
public sealed class TwoFactorSignIn(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, LoginService logins, AuditLog audit)
{
    public const string Path = "/login/two-factor";

    public static string PathFor(string? returnUrl) =>
        LocalUrl.IsLocal(returnUrl) ? $"{Path}?ReturnUrl={Uri.EscapeDataString(returnUrl!)}" : Path;

    /// <summary>True while a password was accepted and the second step is still open.</summary>
    public async Task<bool> IsPendingAsync() => await signIn.GetTwoFactorAuthenticationUserAsync() is not null;

    /// <summary>Checks the code; <see cref="LoginResult.Outcome"/> is Failed for a wrong or malformed code, null when no login is pending.</summary>
    public async Task<LoginResult?> SignInAsync(string? input, CancellationToken cancellationToken = default)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return null;
        }

        var request = signIn.Context;
        var attempt = new LoginAttempt(user.UserName ?? "", "", request.Connection.RemoteIpAddress, request.Request.Headers.UserAgent.ToString());
        if (AuthenticatorCodes.AsAuthenticatorCode(input) is { } code)
        {
            return await logins.SecondFactorAsync(
                user,
                attempt,
                () => users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code),
                cancellationToken);
        }

        if (AuthenticatorCodes.AsRecoveryCode(input) is { } recoveryCode)
        {
            return await logins.SecondFactorAsync(user, attempt, () => RedeemAsync(user, recoveryCode), cancellationToken);
        }

        // Not even shaped like a code: refused without spending an attempt.
        return new LoginResult(LoginOutcome.Failed);
    }

    private async Task<bool> RedeemAsync(IdentityUser user, string recoveryCode)
    {
        var redeemed = (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode)).Succeeded;
        await audit.WriteAsync(new AuditEntry
        {
            UserName = user.UserName ?? "",
            Action = TwoFactorAccount.ActionRecoveryCode,
            Result = redeemed ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = redeemed ? $"left={await users.CountRecoveryCodesAsync(user)}" : "code not accepted",
        });
        return redeemed;
    }
}
