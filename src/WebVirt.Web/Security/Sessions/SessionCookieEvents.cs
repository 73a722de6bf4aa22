using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace WebVirt.Web.Security.Sessions;

/// <summary>
/// Refuses an auth cookie whose server-side session has ended (logout, password or role change,
/// disabled user, idle or too old), so a copied cookie stops working at once; then lets Identity
/// check the security stamp as before.
/// </summary>
public sealed class SessionCookieEvents(SessionStore sessions) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var key = context.Principal is { } principal ? SessionClaims.KeyOf(principal) : null;
        if (key is null || !await sessions.ValidateAsync(key, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>
    /// Signing in on the login page makes the cookie handler follow its ReturnUrl query by itself;
    /// its own check lets through text that is no plain local path (and a non-ASCII character
    /// there is a 500), so the same guard as everywhere else applies.
    /// </summary>
    public override Task RedirectToReturnUrl(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(LocalUrl.OrRoot(context.RedirectUri));
        return Task.CompletedTask;
    }
}
