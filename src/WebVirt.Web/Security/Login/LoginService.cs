using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Sessions;
using WebVirt.Web.Services;

namespace WebVirt.Web.Security.Login;

/// <summary>
/// The login flow: throttle check, password check (<see cref="IPasswordCheck"/>), disabled
/// accounts, second factor, then a server-side session and the auth cookie. Every failure and
/// throttled attempt is audited with its source address and a bounded, sanitised user name.
/// A second-factor step calls <see cref="CompleteSignInAsync"/> once the code is right.
/// </summary>
public sealed class LoginService(
    IPasswordCheck passwords,
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

    /// <summary>Longer names cannot exist (Identity's column is 256); longer passwords are not hashed.</summary>
    public const int MaxUserNameLength = 256;
    public const int MaxPasswordLength = 1024;

    public async Task<LoginResult> LoginAsync(LoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        var userName = attempt.UserName.Trim();
        var address = AddressText(attempt.Source);
        var account = userName.ToUpperInvariant();
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
        else
        {
            user = await passwords.CheckAsync(userName, attempt.Password, cancellationToken);
        }

        if (user is null)
        {
            var delay = throttle.RecordFailure(account, addressKey);
            var detail = delay > TimeSpan.Zero ? $"throttled={Seconds(delay)}s" : null;
            await AuditAsync(userName, ActionFailed, address, detail, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        throttle.RecordSuccess(account, addressKey);
        if (await signIn.UserManager.IsLockedOutAsync(user))
        {
            await AuditAsync(userName, ActionDisabled, address, null, cancellationToken);
            return new LoginResult(LoginOutcome.Failed);
        }

        if (await signIn.UserManager.GetTwoFactorEnabledAsync(user))
        {
            return new LoginResult(LoginOutcome.RequiresTwoFactor, User: user);
        }

        await CompleteSignInAsync(user, attempt, cancellationToken);
        return new LoginResult(LoginOutcome.Succeeded, User: user);
    }

    /// <summary>Opens a server-side session for the user and writes the auth cookie naming it.</summary>
    public async Task CompleteSignInAsync(IdentityUser user, LoginAttempt attempt, CancellationToken cancellationToken = default)
    {
        var address = AddressText(attempt.Source);
        var sessionId = await sessions.CreateAsync(user.Id, attempt.UserAgent, address, cancellationToken);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(SessionClaims.SessionId, sessionId)]);
        await AuditAsync(user.UserName ?? attempt.UserName, ActionLogin, address, null, cancellationToken, AuditEntry.ResultOk);
    }

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
