using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using WebVirt.Web.Hosting;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Sessions;

namespace WebVirt.Web.Endpoints;

/// <summary>Plain HTTP endpoints that must set cookies, which an interactive circuit cannot.</summary>
public static class AccountEndpoints
{
    public const string LogoutPath = "/account/logout";
    public const string CulturePath = "/culture/set";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // A form field makes the endpoint require an antiforgery token, so no other site can log a user out.
        // Ending the server-side session is what makes a copied cookie useless afterwards.
        endpoints.MapPost(LogoutPath, async ([FromForm] string? returnUrl, HttpContext context, SignInManager<IdentityUser> signIn, SessionStore sessions) =>
        {
            if (SessionClaims.KeyOf(context.User) is { } key)
            {
                await sessions.EndAsync(key, SessionEndReasons.LoggedOut, context.RequestAborted);
            }

            await signIn.SignOutAsync();
            return TypedResults.Redirect("/login");
        }).RequireAuthorization();

        endpoints.MapGet(CulturePath, (string? culture, string? redirectUri, HttpContext context) =>
        {
            if (Cultures.IsSupported(culture))
            {
                Cultures.RememberCulture(context.Response, culture!);
            }

            return TypedResults.Redirect(LocalUrl.OrRoot(redirectUri));
        }).AllowAnonymous();

        return endpoints;
    }
}
