using System.Security.Claims;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Layout;

public partial class UserMenu
{
    // The two-factor page is static server-rendered (it renews the sign-in cookie), so it needs a full page load.
    private void OpenTwoFactor() => Navigation.NavigateTo(WebVirt.Web.Security.TwoFactor.RequiredTwoFactor.EnrolmentPath, forceLoad: true);

    private string RoleText(ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole) is { } role ? L["Role." + role] : "";
}
