using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Tests.Rights;

/// <summary>The one check on compiled grants: path inheritance, tags, groups, custom roles, owners and token scopes.</summary>
public sealed class UserRightsTests
{
    private const string Uuid = "6a7e2c1e-5a4f-4b7e-9a55-0d2c1b3e4f50";
    private const string OtherUuid = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00";

    private sealed class Tags(Dictionary<string, string[]> byUuid) : IGuestTags
    {
        public IReadOnlyList<string> TagsOf(string hostId, string uuid) => byUuid.TryGetValue(uuid, out var tags) ? tags : [];
    }

    private static RightsReason Grant(string path, string role, RightsSource source = RightsSource.User, string? via = null) =>
        new(path, role, RoleCatalog.BuiltIn(role), source, via, Guid.NewGuid());

    private static UserRights Rights(IGuestTags? tags = null, params RightsReason[] reasons) => new("u1", "uma", reasons, tags);

    [Fact]
    public void AGrantOnTheRootReachesEveryObject()
    {
        var rights = Rights(null, Grant("/", Roles.Viewer));
        Assert.True(rights.Allows(Permission.ViewInventory, RightsTarget.Guest("h1", Uuid)));
        Assert.True(rights.Allows(Permission.ViewInventory, RightsTarget.Pool("h2", "default")));
        Assert.True(rights.Allows(Permission.ViewInventory, RightsTarget.Network("h2", "default")));
        Assert.False(rights.Allows(Permission.GuestLifecycle, RightsTarget.Guest("h1", Uuid)));
    }

    [Fact]
    public void AGrantOnAHostReachesItsObjectsAndNoOtherHost()
    {
        var rights = Rights(null, Grant("/hosts/h1", Roles.Operator));
        Assert.True(rights.Allows(Permission.GuestLifecycle, RightsTarget.Guest("h1", Uuid)));
        Assert.True(rights.Allows(Permission.ViewInventory, RightsTarget.Pool("h1", "default")));
        Assert.False(rights.Allows(Permission.GuestLifecycle, RightsTarget.Guest("h2", Uuid)));
        Assert.False(rights.Allows(Permission.ViewInventory, RightsTarget.Everything));
        Assert.False(rights.AllowsEverywhere(Permission.ViewInventory));
    }

    [Fact]
    public void AGrantOnAGuestReachesThatGuestOnly()
    {
        var rights = Rights(null, Grant($"/hosts/h1/guests/{Uuid}", Roles.ConsoleUser));
        Assert.True(rights.AllowsGuest(Permission.OpenConsole, "h1", Uuid.ToUpperInvariant()));
        Assert.True(rights.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.EditGuest, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.ViewInventory, "h1", OtherUuid));
        Assert.False(rights.AllowsHost(Permission.ViewInventory, "h1"));
        Assert.True(rights.AllowsAnywhere(Permission.OpenConsole));
    }

    [Fact]
    public void APoolGrantDoesNotReachTheHostsGuests()
    {
        var rights = Rights(null, Grant("/hosts/h1/pools/images", Roles.Administrator));
        Assert.True(rights.Allows(Permission.ManageStorage, RightsTarget.Pool("h1", "images")));
        Assert.False(rights.Allows(Permission.ManageStorage, RightsTarget.Pool("h1", "other")));
        Assert.False(rights.AllowsGuest(Permission.ViewInventory, "h1", Uuid));
    }

    [Fact]
    public void OnlyAGrantOnTheRootOrAHostGivesAHostWidePrivilegeLikeCreatingGuests()
    {
        var poolAndGuest = Rights(null, Grant("/hosts/h1/pools/images", Roles.Administrator), Grant($"/hosts/h1/guests/{Uuid}", Roles.Operator));
        Assert.True(poolAndGuest.AllowsAnywhere(Permission.CreateGuest));
        Assert.False(poolAndGuest.AllowsOnSomeHost(Permission.CreateGuest));
        Assert.True(Rights(null, Grant("/hosts/h2", Roles.Operator)).AllowsOnSomeHost(Permission.CreateGuest));
        Assert.True(Rights(null, Grant("/", Roles.Operator)).AllowsOnSomeHost(Permission.CreateGuest));
        Assert.False(Rights(null, Grant("/", Roles.Viewer)).AllowsOnSomeHost(Permission.CreateGuest));
        Assert.False(Rights(null, Grant("/hosts/h2", Roles.Operator)).Restrict(0).AllowsOnSomeHost(Permission.CreateGuest));
    }

    [Fact]
    public void ATagGrantReachesTheGuestsWithThatTag()
    {
        var tags = new Tags(new() { [Uuid] = ["web"], [OtherUuid] = ["db"] });
        var rights = Rights(tags, Grant("/tags/web", Roles.Operator));
        Assert.True(rights.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.True(rights.AllowsGuest(Permission.GuestLifecycle, "h2", Uuid));
        Assert.False(rights.AllowsGuest(Permission.GuestLifecycle, "h1", OtherUuid));
    }

    [Fact]
    public void GrantsAddUp()
    {
        var rights = Rights(null,
            Grant("/", Roles.Viewer, RightsSource.GlobalRole),
            Grant($"/hosts/h1/guests/{Uuid}", Roles.Operator, RightsSource.Group, "ops"));
        Assert.True(rights.AllowsGuest(Permission.EditGuest, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.EditGuest, "h1", OtherUuid));
        Assert.True(rights.AllowsGuest(Permission.ViewInventory, "h1", OtherUuid));
    }

    [Fact]
    public void ACustomRoleGivesExactlyItsPrivileges()
    {
        var custom = new RightsReason("/hosts/h1", "snapshotter", RoleCatalog.Parse(["ViewInventory", "ManageSnapshots"]), RightsSource.User, null, Guid.NewGuid());
        var rights = Rights(null, custom);
        Assert.True(rights.AllowsGuest(Permission.ManageSnapshots, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.OpenConsole, "h1", Uuid));
    }

    [Fact]
    public void AnOwnerOperatesTheirGuest()
    {
        var rights = Rights(null, Grant($"/hosts/h1/guests/{Uuid}", Roles.Operator, RightsSource.Owner));
        Assert.True(rights.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.True(rights.AllowsGuest(Permission.ManageSnapshots, "h1", Uuid));
        Assert.False(rights.AllowsGuest(Permission.DeleteGuest, "h1", Uuid));
    }

    [Fact]
    public void AScopeNeverWidensTheRights()
    {
        var rights = Rights(null, Grant($"/hosts/h1/guests/{Uuid}", Roles.Viewer));
        var administer = rights.Restrict(UserRights.Mask(RoleCatalog.BuiltIn(Roles.Administrator)));
        Assert.False(administer.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.False(administer.AllowsGuest(Permission.ViewInventory, "h1", OtherUuid));
        var readOnly = Rights(null, Grant("/", Roles.Administrator)).Restrict(UserRights.Mask(RoleCatalog.BuiltIn(Roles.Viewer)));
        Assert.True(readOnly.AllowsGuest(Permission.ViewInventory, "h1", Uuid));
        Assert.False(readOnly.AllowsGuest(Permission.GuestLifecycle, "h1", Uuid));
        Assert.False(readOnly.AllowsEverywhere(Permission.ManageUsers));
    }

    [Fact]
    public void NoGrantsNoRights() =>
        Assert.All(Enum.GetValues<Permission>(), privilege => Assert.False(UserRights.None.AllowsAnywhere(privilege)));

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/hosts/h1", "/hosts/h1")]
    [InlineData("/hosts/h1/pools/default", "/hosts/h1/pools/default")]
    [InlineData("/hosts/h1/networks/default", "/hosts/h1/networks/default")]
    [InlineData("/hosts/h1/guests/6A7E2C1E-5A4F-4B7E-9A55-0D2C1B3E4F50", "/hosts/h1/guests/" + Uuid)]
    [InlineData("/tags/Web", "/tags/web")]
    public void PathsAreReadInTheirSixForms(string text, string expected)
    {
        Assert.True(RightsPath.TryParse(text, out var path));
        Assert.Equal(expected, path.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("hosts/h1")]
    [InlineData("/hosts")]
    [InlineData("/hosts/")]
    [InlineData("/hosts/h1/")]
    [InlineData("/hosts//pools/x")]
    [InlineData("/hosts/h1/guests/not-a-uuid")]
    [InlineData("/hosts/h1/volumes/x")]
    [InlineData("/tags/a b")]
    [InlineData("/everything")]
    public void OtherPathsAreRefused(string text) => Assert.False(RightsPath.TryParse(text, out _));
}
