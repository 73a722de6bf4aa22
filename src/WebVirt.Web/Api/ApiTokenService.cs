using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Audit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>
/// A signed-in user's own API tokens: list, create (the token text is returned once, only its hash
/// is kept) and revoke. A token's scope is never wider than its owner's role at creation; the
/// authentication handler narrows it again to the owner's role of the moment on every call.
/// </summary>
public sealed class ApiTokenService(
    ICurrentUser currentUser,
    IDbContextFactory<WebDbContext> contexts,
    IServiceScopeFactory scopes,
    AuditLog audit,
    TimeProvider time,
    Security.Rights.RightsEvaluator rights)
{
    public const string CreateAction = "api-token-create";
    public const string RevokeAction = "api-token-revoke";

    public const string ErrorNotSignedIn = "not-signed-in";
    public const string ErrorNameRequired = "name-required";
    public const string ErrorNameTooLong = "name-too-long";
    public const string ErrorNameTaken = "name-taken";
    public const string ErrorScopeTooWide = "scope-too-wide";
    public const string ErrorExpiryPast = "expiry-past";
    public const string ErrorNotFound = "not-found";

    public async Task<IReadOnlyList<ApiTokenSummary>> ListOwnAsync(CancellationToken cancellationToken = default)
    {
        if (UserId(await currentUser.GetAsync()) is not { } userId)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.ApiTokens.AsNoTracking()
            .Where(t => t.UserId == userId && t.RevokedAt == null)
            .OrderBy(t => t.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ApiTokenSummary.From)];
    }

    /// <summary>The widest scope the signed-in user may give a token now, or null when they may give none.</summary>
    public async Task<ApiTokenScope?> WidestScopeAsync()
    {
        var userId = UserId(await currentUser.GetAsync());
        return userId is null ? null : await WidestForAsync(userId);
    }

    /// <summary>
    /// The owner's global role bounds the scope; a user who holds only grants on some objects may give any scope,
    /// since every check cuts a token's scope from its owner's rights of the moment (it never gives more).
    /// </summary>
    private async Task<ApiTokenScope?> WidestForAsync(string userId) =>
        ApiTokenScopes.WidestFor(await RolesOfAsync(userId))
        ?? ((await rights.ForUserAsync(userId)).Reasons.Count > 0 ? ApiTokenScope.Administer : null);

    /// <param name="metrics">Whether the token may also read /metrics; any user with a role may give it (every role already sees every guest).</param>
    public async Task<ApiTokenCreation> CreateAsync(
        string? name, ApiTokenScope scope, DateTimeOffset? expiresAt, bool metrics = false, CancellationToken cancellationToken = default)
    {
        var principal = await currentUser.GetAsync();
        var trimmed = (name ?? "").Trim();
        var error = await CheckAsync(principal, trimmed, scope, expiresAt, cancellationToken);
        string? token = null;
        if (error is null)
        {
            var (text, publicId, hash) = ApiTokenSecret.Create();
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            db.ApiTokens.Add(new ApiToken
            {
                Id = Guid.NewGuid(),
                PublicId = publicId,
                SecretHash = hash,
                UserId = UserId(principal)!,
                Name = trimmed,
                Scope = scope.ToString(),
                Metrics = metrics,
                CreatedAt = time.GetUtcNow(),
                ExpiresAt = expiresAt,
            });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                token = text;
            }
            catch (DbUpdateException)
            {
                // Two creations with one name at once: the unique index keeps one.
                error = ErrorNameTaken;
            }
        }

        await RecordAsync(principal, CreateAction, metrics ? $"{trimmed} ({scope}, metrics)" : $"{trimmed} ({scope})", error);
        return new ApiTokenCreation(error, token);
    }

    /// <summary>Revokes one of the user's own live tokens; it is refused from the next call on.</summary>
    public async Task<string?> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var principal = await currentUser.GetAsync();
        var userId = UserId(principal);
        string? error = ErrorNotSignedIn;
        string? name = null;
        if (userId is not null)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id && t.UserId == userId && t.RevokedAt == null, cancellationToken);
            if (row is null)
            {
                error = ErrorNotFound;
            }
            else
            {
                row.RevokedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                (error, name) = (null, row.Name);
            }
        }

        await RecordAsync(principal, RevokeAction, name ?? id.ToString(), error);
        return error;
    }

    private async Task<string?> CheckAsync(ClaimsPrincipal principal, string name, ApiTokenScope scope, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        if (UserId(principal) is not { } userId)
        {
            return ErrorNotSignedIn;
        }

        if (name.Length == 0)
        {
            return ErrorNameRequired;
        }

        if (name.Length > ApiToken.NameMaxLength)
        {
            return ErrorNameTooLong;
        }

        if (!Enum.IsDefined(scope) || await WidestForAsync(userId) is not { } widest || scope > widest)
        {
            return ErrorScopeTooWide;
        }

        if (expiresAt is { } expiry && expiry <= time.GetUtcNow())
        {
            return ErrorExpiryPast;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiTokens.AnyAsync(t => t.UserId == userId && t.Name == name && t.RevokedAt == null, cancellationToken)
            ? ErrorNameTaken
            : null;
    }

    /// <summary>The owner's roles from the database, not from the sign-in: a role taken away counts at once.</summary>
    private async Task<IList<string>> RolesOfAsync(string userId)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByIdAsync(userId) is { } user ? await users.GetRolesAsync(user) : [];
    }

    private async Task RecordAsync(ClaimsPrincipal principal, string action, string detail, string? error) =>
        await audit.WriteAsync(new AuditEntry
        {
            UserName = principal.Identity?.Name ?? "(anonymous)",
            Action = action,
            Result = error is null ? AuditEntry.ResultOk : AuditEntry.ResultError,
            Detail = AuditText.Sanitize(error is null ? detail : $"{detail}: {error}", AuditEntry.DetailMaxLength),
        });

    private static string? UserId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
}

/// <summary>The outcome of a creation: an error code, or the token text to show once.</summary>
public sealed record ApiTokenCreation(string? Error, string? Token)
{
    public bool Ok => Error is null;
}

/// <summary>A live token as its owner sees it (never its secret).</summary>
public sealed record ApiTokenSummary(
    Guid Id, string Name, ApiTokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, string? LastUsedAddress,
    bool Metrics = false)
{
    public static ApiTokenSummary From(ApiToken token) =>
        new(token.Id, token.Name, ApiTokenScopes.TryParse(token.Scope, out var scope) ? scope : ApiTokenScope.ReadOnly,
            token.CreatedAt, token.ExpiresAt, token.LastUsedAt, token.LastUsedAddress, token.Metrics);
}
