using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Services;

/// <summary>What every signed-in user may do to their own account: see and end their sessions, change their password.</summary>
public sealed class AccountService(
    AuthenticationStateProvider authentication,
    IServiceScopeFactory scopes,
    SessionStore sessions,
    AuditLog audit)
{
    public const string ErrorNotSignedIn = "not-signed-in";
    public const string ErrorNotFound = "not-found";
    public const string ErrorMismatch = "mismatch";
    public const string ErrorWrongPassword = "wrong-password";

    /// <summary>The user's active sessions; <see cref="OwnSession.IsCurrent"/> marks the one of this page.</summary>
    public async Task<IReadOnlyList<OwnSession>> ListSessionsAsync(CancellationToken cancellationToken = default)
    {
        var user = await CurrentUserAsync();
        if (UserId(user) is not { } userId)
        {
            return [];
        }

        var current = SessionClaims.KeyOf(user);
        return (await sessions.ListActiveAsync(userId, cancellationToken))
            .Select(session => new OwnSession(session.Id, session.UserAgent, session.SourceAddress, session.CreatedAt, session.LastSeenAt, session.Id == current))
            .ToList();
    }

    /// <summary>Ends one of the user's own sessions (another user's, or an ended one, is "not found").</summary>
    public async Task<UserChangeResult> EndSessionAsync(OwnSession session)
    {
        var user = await CurrentUserAsync();
        string? error = UserId(user) is { } userId
            ? await sessions.EndOwnAsync(userId, session.Key, SessionEndReasons.EndedByUser) ? null : ErrorNotFound
            : ErrorNotSignedIn;
        return await RecordAsync(user, "session-end", session.IsCurrent ? "current" : null, error);
    }

    /// <summary>Changes the own password; every session of the user ends, this one too.</summary>
    public async Task<UserChangeResult> ChangePasswordAsync(string currentPassword, string newPassword, string confirmation)
    {
        var principal = await CurrentUserAsync();
        string? error;
        if (UserId(principal) is not { } userId)
        {
            error = ErrorNotSignedIn;
        }
        else if (!string.Equals(newPassword, confirmation, StringComparison.Ordinal))
        {
            error = ErrorMismatch;
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var user = await users.FindByIdAsync(userId);
            var changed = user is null ? null : await users.ChangePasswordAsync(user, currentPassword, newPassword);
            error = changed switch
            {
                null => ErrorNotFound,
                { Succeeded: false } when changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)) => ErrorWrongPassword,
                _ => Describe(changed),
            };
            if (error is null)
            {
                await sessions.EndAllForUserAsync(userId, SessionEndReasons.PasswordChanged);
            }
        }

        return await RecordAsync(principal, "password-change", null, error);
    }

    private static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    private static string? Describe(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(error => error.Description));

    private async Task<ClaimsPrincipal> CurrentUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    private async Task<UserChangeResult> RecordAsync(ClaimsPrincipal actor, string action, string? detail, string? error)
    {
        await audit.WriteAsync(new AuditEntry
        {
            UserName = actor.Identity?.Name ?? "(anonymous)",
            Action = action,
            Result = error is null ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = string.Join(" ", new[] { detail, error }.Where(part => part is not null)) is { Length: > 0 } text ? text : null,
        });
        return new UserChangeResult(error is null, error);
    }
}

/// <summary>One of the signed-in user's sessions as their account page shows it.</summary>
public sealed record OwnSession(string Key, string UserAgent, string SourceAddress, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, bool IsCurrent);
