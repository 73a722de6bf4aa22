using System.Collections.Frozen;
using System.Security.Claims;
using WebVirt.Contracts;

namespace WebVirt.Web.Security;

/// <summary>
/// The one place that decides, per role, what a user may do. Pages ask it to hide what cannot be
/// used; services ask it again before acting, since hidden buttons are no protection.
/// </summary>
public static class Permissions
{
    private static readonly FrozenDictionary<Permission, FrozenSet<string>> AllowedRoles =
        new Dictionary<Permission, FrozenSet<string>>
        {
            [Permission.ViewInventory] = Set(Roles.Administrator, Roles.Operator, Roles.ConsoleUser, Roles.Viewer),
            [Permission.GuestLifecycle] = Set(Roles.Administrator, Roles.Operator, Roles.ConsoleUser),
            [Permission.GuestAutostart] = Set(Roles.Administrator, Roles.Operator),
            [Permission.OpenConsole] = Set(Roles.Administrator, Roles.Operator, Roles.ConsoleUser),
            [Permission.SetHostEmulation] = Set(Roles.Administrator),
            [Permission.ViewAuditLog] = Set(Roles.Administrator),
            [Permission.ManageUsers] = Set(Roles.Administrator),
            [Permission.ManageStorage] = Set(Roles.Administrator),
            [Permission.ManageNetworks] = Set(Roles.Administrator),
            // Creating and cloning only add guests; deleting loses disks and templates shape what others clone.
            [Permission.CreateGuest] = Set(Roles.Administrator, Roles.Operator),
            [Permission.CloneGuest] = Set(Roles.Administrator, Roles.Operator),
            [Permission.DeleteGuest] = Set(Roles.Administrator),
            [Permission.ManageTemplates] = Set(Roles.Administrator),
            // Hardware, notes and snapshots stay within the guest; raw XML can reach host devices and files.
            [Permission.EditGuest] = Set(Roles.Administrator, Roles.Operator),
            [Permission.ManageSnapshots] = Set(Roles.Administrator, Roles.Operator),
            [Permission.EditGuestXml] = Set(Roles.Administrator),
            // Adding a host hands its guests to every user here; removing one drops them from view.
            [Permission.ManageHosts] = Set(Roles.Administrator),
        }.ToFrozenDictionary();

    /// <summary>The roles that hold a permission; also the source of the authorization policies.</summary>
    public static IReadOnlyCollection<string> RolesFor(Permission permission) =>
        AllowedRoles.TryGetValue(permission, out var roles) ? roles : FrozenSet<string>.Empty;

    public static bool RoleAllows(string role, Permission permission) =>
        AllowedRoles.TryGetValue(permission, out var roles) && roles.Contains(role);

    public static bool IsAllowed(ClaimsPrincipal user, Permission permission)
    {
        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        return RolesFor(permission).Any(user.IsInRole);
    }

    public static bool IsAllowed(ClaimsPrincipal user, GuestAction action) => IsAllowed(user, For(action));

    public static Permission For(GuestAction action) => action switch
    {
        GuestAction.AutostartOn or GuestAction.AutostartOff => Permission.GuestAutostart,
        _ => Permission.GuestLifecycle,
    };

    /// <summary>Policy name for [Authorize(Policy = ...)] on pages.</summary>
    public static string PolicyName(Permission permission) => "Permission." + permission;

    private static FrozenSet<string> Set(params string[] roles) => roles.ToFrozenSet(StringComparer.Ordinal);
}
