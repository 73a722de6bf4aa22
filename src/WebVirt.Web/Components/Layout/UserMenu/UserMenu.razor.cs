using System.Security.Claims;
using WebVirt.Web.Endpoints;
using WebVirt.Web.Security;

namespace WebVirt.Web.Components.Layout;

public partial class UserMenu
{
    private string RoleText(ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole) is { } role ? L["Role." + role] : "";
}
