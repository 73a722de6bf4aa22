using System.Security.Claims;
using WebVirt.Contracts;
using WebVirt.Web.Security;

namespace WebVirt.Web.Tests;

public sealed class PermissionsTests
{
    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "someone"), .. roles.Select(role => new Claim(ClaimTypes.Role, role))],
            authenticationType: "test"));

    [Fact]
    public void AdministratorMayDoEverything()
    {
        var admin = User(Roles.Administrator);
        Assert.All(Enum.GetValues<Permission>(), permission => Assert.True(Permissions.IsAllowed(admin, permission), permission.ToString()));
    }

    [Theory]
    [InlineData(Permission.ViewInventory, true)]
    [InlineData(Permission.GuestLifecycle, true)]
    [InlineData(Permission.GuestAutostart, true)]
    [InlineData(Permission.OpenConsole, true)]
    [InlineData(Permission.SetHostEmulation, false)]
    [InlineData(Permission.ViewAuditLog, false)]
    [InlineData(Permission.ManageUsers, false)]
    public void OperatorMayRunGuestsButNotAdminister(Permission permission, bool expected) =>
        Assert.Equal(expected, Permissions.IsAllowed(User(Roles.Operator), permission));

    [Fact]
    public void ViewerMayOnlyLook()
    {
        var viewer = User(Roles.Viewer);
        foreach (var permission in Enum.GetValues<Permission>())
        {
            Assert.Equal(permission == Permission.ViewInventory, Permissions.IsAllowed(viewer, permission));
        }

        Assert.All(Enum.GetValues<GuestAction>(), action => Assert.False(Permissions.IsAllowed(viewer, action)));
    }

    [Fact]
    public void OperatorMayUseEveryGuestAction() =>
        Assert.All(Enum.GetValues<GuestAction>(), action => Assert.True(Permissions.IsAllowed(User(Roles.Operator), action)));

    [Fact]
    public void AnonymousUserMayDoNothingEvenWithARoleClaim()
    {
        var unauthenticated = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, Roles.Administrator)]));
        Assert.All(Enum.GetValues<Permission>(), permission => Assert.False(Permissions.IsAllowed(unauthenticated, permission)));
    }

    [Fact]
    public void UserWithoutRoleMayDoNothing() =>
        Assert.All(Enum.GetValues<Permission>(), permission => Assert.False(Permissions.IsAllowed(User(), permission)));

    [Fact]
    public void UnknownRoleGrantsNothing() =>
        Assert.All(Enum.GetValues<Permission>(), permission => Assert.False(Permissions.RoleAllows("Guest", permission)));

    [Fact]
    public void EveryPermissionHasAtLeastTheAdministrator() =>
        Assert.All(Enum.GetValues<Permission>(), permission => Assert.Contains(Roles.Administrator, Permissions.RolesFor(permission)));

    [Theory]
    [InlineData(GuestAction.AutostartOn, Permission.GuestAutostart)]
    [InlineData(GuestAction.AutostartOff, Permission.GuestAutostart)]
    [InlineData(GuestAction.ForceOff, Permission.GuestLifecycle)]
    [InlineData(GuestAction.Start, Permission.GuestLifecycle)]
    public void ActionsMapToTheirPermission(GuestAction action, Permission expected) =>
        Assert.Equal(expected, Permissions.For(action));
}
