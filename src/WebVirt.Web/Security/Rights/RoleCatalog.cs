using System.Collections.Frozen;

namespace WebVirt.Web.Security.Rights;

/// <summary>
/// The privileges of each role: the built-in ones from <see cref="Permissions"/> (the one table of what
/// each built-in role may do), custom ones as stored. Names compare exactly.
/// </summary>
public static class RoleCatalog
{
    private static readonly FrozenDictionary<string, IReadOnlyList<Permission>> BuiltInPrivileges =
        Roles.BuiltIn.ToFrozenDictionary(
            role => role,
            role => (IReadOnlyList<Permission>)[.. Enum.GetValues<Permission>().Where(privilege => Permissions.RoleAllows(role, privilege))],
            StringComparer.Ordinal);

    public static bool IsBuiltIn(string role) => BuiltInPrivileges.ContainsKey(role);

    public static IReadOnlyList<Permission> BuiltIn(string role) => BuiltInPrivileges.GetValueOrDefault(role) ?? [];

    /// <summary>The privileges of a stored custom role; names that are no longer privileges are skipped.</summary>
    public static IReadOnlyList<Permission> Parse(IEnumerable<string> privileges) =>
        [.. privileges.Select(name => Enum.TryParse<Permission>(name, ignoreCase: false, out var privilege) && Enum.IsDefined(privilege) ? (Permission?)privilege : null)
            .OfType<Permission>().Distinct()];
}
