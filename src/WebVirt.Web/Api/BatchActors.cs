using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Data;

namespace WebVirt.Web.Api;

/// <summary>
/// The user of a migration batch taken up after a restart, built as a sign-in or a token request builds it now: a
/// locked or removed user, or a revoked or expired token, acts no more, and the gateway checks the rights of the moment.
/// </summary>
public sealed class BatchActors(
    UserManager<IdentityUser> users,
    IUserClaimsPrincipalFactory<IdentityUser> claims,
    IDbContextFactory<WebDbContext> contexts,
    ApiTokenPrincipals tokens) : IBatchActors
{
    public async Task<ClaimsPrincipal?> RestoreAsync(string? userId, Guid? tokenId, CancellationToken cancellationToken)
    {
        if (tokenId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
            return token is null || token.UserId != userId ? null : (await tokens.ForAsync(token, cancellationToken)).Principal;
        }

        if (userId is null || await users.FindByIdAsync(userId) is not { } user || await users.IsLockedOutAsync(user))
        {
            return null;
        }

        return await claims.CreateAsync(user);
    }
}
