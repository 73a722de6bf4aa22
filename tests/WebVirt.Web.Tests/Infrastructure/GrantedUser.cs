using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Data;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// A user without a global role who holds only the given grants (path, role), stored in the web app's test
/// database, and signed in to a bUnit context as the cookie sign-in would (id and name, no role claim).
/// </summary>
public static class GrantedUser
{
    public static async Task<ClaimsPrincipal> CreateAsync(WebApplicationFactory<Program> factory, params (string Path, string Role)[] grants)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(grants);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser("rb-" + Guid.NewGuid().ToString("N")[..10]);
        Assert.True((await users.CreateAsync(user)).Succeeded);
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        foreach (var (path, role) in grants)
        {
            db.RightsGrants.Add(new RightsGrant { Id = Guid.NewGuid(), UserId = user.Id, Path = path, Role = role, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test" });
        }

        await db.SaveChangesAsync();
        factory.Services.GetRequiredService<RightsEvaluator>().Invalidate();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Name, user.UserName!)], "test"));
    }

    /// <summary>Signs <paramref name="user"/> in to the components <paramref name="context"/> renders.</summary>
    public static void SignIn(BunitContext context, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(user);
        var authorization = context.AddAuthorization();
        authorization.SetAuthorized(user.Identity!.Name!);
        authorization.SetClaims([.. user.Claims.Where(claim => claim.Type == ClaimTypes.NameIdentifier)]);
    }
}
