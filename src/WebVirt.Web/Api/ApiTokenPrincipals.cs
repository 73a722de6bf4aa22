using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Api;

/// <summary>
/// Who a stored API token acts as at this moment: the one rule for a request's Bearer token and for work the console
/// goes on with later on the token's behalf (a migration batch taken up after a restart). Revoked, expired, a
/// disabled owner or one without any right: refused with the code saying which.
/// </summary>
public sealed class ApiTokenPrincipals(UserManager<IdentityUser> users, RightsEvaluator rights, TimeProvider time)
{
    /// <summary>The token's principal, or null and the refusal's code.</summary>
    public async Task<(ClaimsPrincipal? Principal, IdentityUser? Owner, string? Refusal)> ForAsync(ApiToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var owner = await users.FindByIdAsync(token.UserId);
        var refusal = token.RevokedAt is not null ? ApiErrorCodes.TokenRevoked
            : token.ExpiresAt <= time.GetUtcNow() ? ApiErrorCodes.TokenExpired
            : owner is null || await users.IsLockedOutAsync(owner) ? ApiErrorCodes.OwnerDisabled
            : null;
        var ownerScope = owner is null ? null : ApiTokenScopes.WidestFor(await users.GetRolesAsync(owner));
        // An owner without a global role may still hold grants on some objects; one without any right has nothing to lend.
        if (refusal is null && ownerScope is null && (await rights.ForUserAsync(owner!.Id, cancellationToken)).Reasons.Count == 0)
        {
            refusal = ApiErrorCodes.OwnerDisabled;
        }

        if (refusal is not null || !ApiTokenScopes.TryParse(token.Scope, out var scope))
        {
            return (null, owner, refusal ?? ApiErrorCodes.TokenInvalid);
        }

        // The scope is a ceiling: the rights evaluator cuts it from the owner's effective rights on every check.
        // The role claim (global checks) is the weaker of scope and global role; an owner without one gets none.
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, owner!.Id),
                new Claim(ClaimTypes.Name, owner.UserName ?? ""),
                new Claim(ApiTokenClaims.Scope, scope.ToString()),
                new Claim(ApiTokenClaims.TokenName, token.Name),
                new Claim(ApiTokenClaims.TokenId, token.Id.ToString()),
            ],
            ApiTokenClaims.Scheme);
        if (ownerScope is { } widest)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, ApiTokenScopes.RoleOf((ApiTokenScope)Math.Min((int)scope, (int)widest))));
        }

        if (token.Metrics)
        {
            identity.AddClaim(new Claim(ApiTokenClaims.Metrics, "true"));
        }

        return (new ClaimsPrincipal(identity), owner, null);
    }
}
