using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Rights;

/// <summary>
/// The page policies (the menu's links and the pages' [Authorize]) decide with the real rights check: the new-guest
/// wizard opens only to whoever may create a guest on "/" or on a host, since an administrator of one pool or an
/// operator of one guest is refused by the gateway there anyway.
/// </summary>
public sealed class PagePolicyTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/", Roles.Operator, true)]
    [InlineData("/hosts/" + WebAppFixture.HostId, Roles.Operator, true)]
    [InlineData("/", Roles.Viewer, false)]
    [InlineData("/hosts/" + WebAppFixture.HostId + "/pools/images", Roles.Administrator, false)]
    [InlineData("/hosts/" + WebAppFixture.HostId + "/guests/6a7e2c1e-5a4f-4b7e-9a55-0d2c1b3e4f50", Roles.Administrator, false)]
    public async Task The_wizard_opens_only_to_who_may_create_a_guest_on_a_host(string path, string role, bool opens)
    {
        var user = await GrantedUser.CreateAsync(app.Factory, (path, role));
        var authorization = app.Factory.Services.GetRequiredService<IAuthorizationService>();

        var result = await authorization.AuthorizeAsync(user, PermissionPolicies.CreateGuest);

        Assert.Equal(opens, result.Succeeded);
    }

    [Fact]
    public async Task A_console_user_of_one_guest_opens_the_console_but_not_the_administration_pages()
    {
        var user = await GrantedUser.CreateAsync(app.Factory, ($"/hosts/{WebAppFixture.HostId}/guests/6a7e2c1e-5a4f-4b7e-9a55-0d2c1b3e4f50", Roles.ConsoleUser));
        var authorization = app.Factory.Services.GetRequiredService<IAuthorizationService>();

        Assert.True((await authorization.AuthorizeAsync(user, PermissionPolicies.OpenConsole)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(user, PermissionPolicies.ManageUsers)).Succeeded);
    }
}
