using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Security.Pam;

namespace WebVirt.Web.Security.TwoFactor;

/// <summary>
/// When an administrator requires two-factor login, a signed-in WebVirt account without it reaches
/// only the enrolment page (and logout): every other request is sent there.
/// </summary>
public static class RequiredTwoFactor
{
    public const string EnrolmentPath = "/account/two-factor";

    public static IApplicationBuilder UseRequiredTwoFactor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (await MustEnrolFirstAsync(context))
            {
                context.Response.Redirect(EnrolmentPath);
                return;
            }

            await next(context);
        });

    private static async Task<bool> MustEnrolFirstAsync(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || context.Request.Path.StartsWithSegments(EnrolmentPath, StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments(AccountEndpoints.LogoutPath, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!await context.RequestServices.GetRequiredService<TwoFactorPolicy>().IsRequiredAsync(context.RequestAborted))
        {
            return false;
        }

        var users = context.RequestServices.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.GetUserAsync(context.User);
        return user is not null && !user.TwoFactorEnabled && !HostAccountNames.IsHostAccount(user.UserName);
    }
}
