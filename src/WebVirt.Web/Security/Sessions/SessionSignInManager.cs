using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace WebVirt.Web.Security.Sessions;

/// <summary>
/// Identity's sign-in manager, except that renewing a user's own cookie (after enrolling or
/// disabling two-factor login, which renews the security stamp) keeps naming the same server-side
/// session: Identity's own refresh keeps only the authentication method claims, and a cookie
/// without the session id is refused at the next request.
/// </summary>
public sealed class SessionSignInManager(
    UserManager<IdentityUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<IdentityUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<IdentityUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<IdentityUser> confirmation)
    : SignInManager<IdentityUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly string[] KeptClaims = [SessionClaims.SessionId, ClaimTypes.AuthenticationMethod, "amr"];

    public override async Task RefreshSignInAsync(IdentityUser user)
    {
        var auth = await Context.AuthenticateAsync(AuthenticationScheme);
        if (auth.Principal?.FindFirst(SessionClaims.SessionId) is null || UserManager.GetUserId(auth.Principal) != user.Id)
        {
            await base.RefreshSignInAsync(user);
            return;
        }

        var claims = auth.Principal.Claims.Where(claim => KeptClaims.Contains(claim.Type))
            .Select(claim => new Claim(claim.Type, claim.Value))
            .ToList();
        await SignInWithClaimsAsync(user, auth.Properties, claims);
    }
}
