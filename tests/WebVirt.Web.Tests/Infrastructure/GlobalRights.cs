using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>The rights a user with only a global role holds (a grant of the role on "/"), for components given a user's rights.</summary>
public static class GlobalRights
{
    public static UserRights Of(string role) =>
        new("test-user", "test-user", [new RightsReason("/", role, RoleCatalog.BuiltIn(role), RightsSource.GlobalRole, null, null)], null);
}
