using WebVirt.Web.Security;

namespace WebVirt.Web.Api;

/// <summary>What a token may do: the rights of one role, never more than its owner's.</summary>
public enum ApiTokenScope
{
    ReadOnly,
    Operate,
    Administer,
}

/// <summary>Scopes as roles: a token acts with the weaker of its scope's role and its owner's role.</summary>
public static class ApiTokenScopes
{
    public static string RoleOf(ApiTokenScope scope) => scope switch
    {
        ApiTokenScope.Administer => Roles.Administrator,
        ApiTokenScope.Operate => Roles.Operator,
        _ => Roles.Viewer,
    };

    /// <summary>The widest scope a user with these roles may give a token, or null when they hold no role.</summary>
    public static ApiTokenScope? WidestFor(IEnumerable<string> roles)
    {
        var held = roles.ToHashSet(StringComparer.Ordinal);
        return held.Contains(Roles.Administrator) ? ApiTokenScope.Administer
            : held.Contains(Roles.Operator) ? ApiTokenScope.Operate
            : held.Contains(Roles.Viewer) ? ApiTokenScope.ReadOnly
            : null;
    }

    public static bool TryParse(string? text, out ApiTokenScope scope) =>
        Enum.TryParse(text, ignoreCase: false, out scope) && Enum.IsDefined(scope);
}
