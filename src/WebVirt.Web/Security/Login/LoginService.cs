using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Pam;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Security.Login;

/// <summary>
/// The login flow for every kind of account: throttle check, password check (<see cref="IPasswordCheck"/>
/// for WebVirt accounts, <see cref="PamLogin"/> for host accounts), disabled accounts, second
/// factor (<see cref="SecondFactorAsync"/>), then a server-side session and the auth cookie. Every
/// failure and throttled attempt is audited with its source address and a bounded, sanitised user name.
/// </summary>
public sealed class LoginService(
    IPasswordCheck passwords,
    PamLogin hostLogins,
    LoginThrottle throttle,
    SignInManager<IdentityUser> signIn,
    SessionStore sessions,
    AuditLog audit,
    DummyPasswordHash dummy)
{
    public const string ActionLogin = "login";
    public const string ActionFailed = "login-failed";
    public const string ActionThrottled = "login-throttled";
    public const string ActionDisabled = "login-disabled";
    public const string ActionNoRole = "login-no-role";
    public const string ActionSecondFactorFailed = "login-2fa-failed";

    /// <summary>Identity's "authentication method reference" claim: "mfa" after a second factor.</summary>
    public const string MultiFactorClaimType = "amr";

    /// <summary>Longer names cannot exist (Identity's column is 256); longer passwords are not hashed.</summary>
    public const int MaxUserNameLength = 256;
    public const int MaxPasswordLength = 1024;

    public async Task<LoginResult> LoginAsync(LoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        var userName = attempt.UserName.Trim();
        var address = AddressText(attempt.Source);
        var isHost = attempt.Realm == LoginRealm.Host;
        // A host account counts apart from every WebVirt account, "pam:NAME" included (which has no
        // WebVirt password): wrong guesses on the WebVirt form never slow the host user down.
        var account = (isHost ? $"{LoginRealm.Host}:{userName}" : userName).ToUpperInvariant();
        var addressKey = ThrottleKey(attempt.Source);

        var wait = throttle.RetryAfter(account, addressKey);
        if (wait > TimeSpan.Zero)
        {
            await AuditAsync(userName, ActionThrottled, address, $"retry-after={Seconds(wait)}s", cancellationToken);
            return new LoginResult(LoginOutcome.Throttled, wait);
        }

        IdentityUser? user;
        if (userName.Length is 0 or > MaxUserNameLength || attempt.Password.Length is 0 or > MaxPasswordLength)
        {
            dummy.Verify(attempt.Password.Length > MaxPasswordLength ? "" : attempt.Password);
            user = null;
        }
        else if (isHost)
        {
            // PAM takes as long for an unknown host user as for a wrong password (pam_unix's fail delay).
            var (hostResult, hostUser) = await hostLogins.CheckAsync(userName, attempt.Password, address, cancellationToken);
            if (hostResult == PamLoginResult.NoMappedGroup)
            {
                // The right password: no failure to count, but no role either.
                throttle.RecordSuccess(account, addressKey);
                await AuditAsync(HostAccountNames.ConsoleName(userName), ActionNoRole, address, null, cancellationToken);
                return new LoginResult(LoginOutcome.NoRole);
            }

            user = hostUser;
        }
        else
        {
            user = await passwords.CheckAsync(userName, attempt.Password, cancellationToken);
        }

        if (user is null)
        {
            var delay = throttle.RecordFailure(account, addressKey);
            var detail = delay > TimeSpan.Zero ? $"throttled={Seconds(delay)}s" : null;
            await AuditAsync(isHost ? HostAccountNames.ConsoleName(userName) : userName, ActionFailed, address, detail, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        throttle.RecordSuccess(account, addressKey);
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            await AuditAsync(user.UserName ?? userName, ActionDisabled, address, null, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        if (!isHost && await signIn.UserManager.GetTwoFactorEnabledAsync(user))
        {
            // Identity's short-lived two-factor cookie names the user until the second step is done;
            // the session and the auth cookie only come from SecondFactorAsync.
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, TwoFactorPrincipal(user.Id));
            return new LoginResult(LoginOutcome.RequiresTwoFactor, User: user);
        }

        await CompleteSignInAsync(user, attempt, null, cancellationToken);
        return new LoginResult(LoginOutcome.Succeeded, User: user);
    }

    /// <summary>
    /// The second step for <paramref name="user"/>, whose password was accepted: throttled like a
    /// password (per address and account), <paramref name="checkCode"/> verifies the code, and a
    /// right code ends the two-factor cookie and opens the session.
    /// </summary>
    public async Task<LoginResult> SecondFactorAsync(IdentityUser user, LoginAttempt attempt, Func<Task<bool>> checkCode, CancellationToken cancellationToken = default)
    {
        var userName = user.UserName ?? "";
        var address = AddressText(attempt.Source);
        var account = userName.ToUpperInvariant();
        var addressKey = ThrottleKey(attempt.Source);

        var wait = throttle.RetryAfter(account, addressKey);
        if (wait > TimeSpan.Zero)
        {
            await AuditAsync(userName, ActionThrottled, address, $"retry-after={Seconds(wait)}s", cancellationToken);
            return new LoginResult(LoginOutcome.Throttled, wait);
        }

        if (!await checkCode())
        {
            var delay = throttle.RecordFailure(account, addressKey);
            var detail = delay > TimeSpan.Zero ? $"throttled={Seconds(delay)}s" : null;
            await AuditAsync(userName, ActionSecondFactorFailed, address, detail, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        throttle.RecordSuccess(account, addressKey);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        // Disabled between the two steps: refused all the same.
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            await AuditAsync(userName, ActionDisabled, address, null, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        await CompleteSignInAsync(user, attempt, [new Claim(MultiFactorClaimType, "mfa")], cancellationToken);
        return new LoginResult(LoginOutcome.Succeeded, User: user);
    }

    /// <summary>Opens a server-side session for the user and writes the auth cookie naming it.</summary>
    public async Task CompleteSignInAsync(IdentityUser user, LoginAttempt attempt, IEnumerable<Claim>? extraClaims = null, CancellationToken cancellationToken = default)
    {
        var address = AddressText(attempt.Source);
        var sessionId = await sessions.CreateAsync(user.Id, attempt.UserAgent, address, cancellationToken);
        List<Claim> claims = [new Claim(SessionClaims.SessionId, sessionId), .. extraClaims ?? []];
        if (attempt.Realm == LoginRealm.Host)
        {
            claims.Add(new Claim(ClaimTypes.AuthenticationMethod, PamLogin.AuthenticationMethod));
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
        await AuditAsync(user.UserName ?? attempt.UserName, ActionLogin, address, null, cancellationToken, AuditEntry.ResultOk);
    }

    /// <summary>What Identity's two-factor cookie holds: the user id as its name claim.</summary>
    private static ClaimsPrincipal TwoFactorPrincipal(string userId) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, userId)], IdentityConstants.TwoFactorUserIdScheme));

    /// <summary>The address as shown to people: IPv4-mapped IPv6 addresses as plain IPv4.</summary>
    public static string AddressText(IPAddress? source) =>
        source is null ? "unknown" : (source.IsIPv4MappedToIPv6 ? source.MapToIPv4() : source).ToString();

    /// <summary>
    /// The throttling key of an address: an IPv6 client usually holds a whole /64, so it counts as one.
    /// </summary>
    public static string ThrottleKey(IPAddress? source)
    {
        if (source is null)
        {
            return "unknown";
        }

        if (source.IsIPv4MappedToIPv6)
        {
            source = source.MapToIPv4();
        }

        if (source.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return source.ToString();
        }

        var bytes = source.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    private Task AuditAsync(string userName, string action, string address, string? detail, CancellationToken cancellationToken, string result = AuditEntry.ResultError) =>
        audit.WriteAsync(
            new AuditEntry
            {
                UserName = AuditText.Bounded(userName),
                Action = action,
                Result = result,
                Detail = detail is null ? $"from={address}" : $"from={address} {detail}",
            },
            cancellationToken);
}
