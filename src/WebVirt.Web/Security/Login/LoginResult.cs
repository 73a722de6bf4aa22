using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Login;

public enum LoginOutcome
{
    /// <summary>Signed in: the auth cookie and its server-side session exist.</summary>
    Succeeded,

    /// <summary>
    /// The password was right but the account needs a second factor: no auth cookie or session yet,
    /// only Identity's short-lived two-factor cookie naming the user for the second step.
    /// </summary>
    RequiresTwoFactor,

    /// <summary>A host account with the right password but in none of the host groups that map to a role.</summary>
    NoRole,

    /// <summary>Wrong name or password, or a disabled account (one answer for all, on purpose).</summary>
    Failed,

    /// <summary>Too many failures from this address: try again after <see cref="LoginResult.RetryAfter"/>.</summary>
    Throttled,
}

/// <summary>What a login attempt came to; <see cref="User"/> is set for Succeeded and RequiresTwoFactor.</summary>
public sealed record LoginResult(LoginOutcome Outcome, TimeSpan RetryAfter = default, IdentityUser? User = null);

/// <summary>
/// A login attempt as typed, with where it came from; <see cref="Realm"/> is
/// <see cref="Pam.LoginRealm.WebVirt"/> or <see cref="Pam.LoginRealm.Host"/>.
/// </summary>
public sealed record LoginAttempt(string UserName, string Password, System.Net.IPAddress? Source, string? UserAgent, string Realm = Pam.LoginRealm.WebVirt);
