namespace WebVirt.Web.Security.Pam;

/// <summary>Host groups → the one WebVirt role a host account gets: the strongest its groups grant.</summary>
public static class PamRoleMap
{
    public static string? StrongestRole(IEnumerable<string> groups, IReadOnlyDictionary<string, string> groupRoles)
    {
        var granted = groups
            .Select(group => groupRoles.TryGetValue(group, out var role) ? role : null)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        return Roles.All.FirstOrDefault(granted.Contains);
    }

    public static bool AllRolesExist(PamOptions options) => options.GroupRoles.Values.All(Roles.All.Contains);
}
