using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Bunit;
using WebVirt.Web.Data;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Tests.GuestPage;

using RightsPage = WebVirt.Web.Components.Pages.RightsPage;

/// <summary>The Rights page: refused input changes nothing and says why; groups, roles and revocations are made and audited.</summary>
[Collection(GuestPageCollection.Name)]
public sealed class RightsPageTests : GuestPageTestContext
{
    // Each step waits on a database write and a render; on a loaded machine that takes more than bUnit's one second.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public RightsPageTests(GuestPageFixture fixture)
        : base(fixture)
    {
        Services.AddSingleton(fixture.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>());
        Services.AddSingleton<IKnownHosts>(fixture.Agents);
        Services.AddScoped<RightsAdmin>();
    }

    [Fact]
    public async Task A_grant_without_an_object_is_refused_with_the_reason_and_changes_nothing()
    {
        var admin = NewUser(Roles.Administrator);
        var before = await GrantCountAsync();
        var page = RenderAs<RightsPage>(admin, Roles.Administrator, _ => { });
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='grant-submit']")), Patience);

        page.Find("[data-testid='grant-submit']").Click();

        page.WaitForAssertion(() => Assert.Contains("Unknown path", page.Find("[data-testid='rights-error']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Equal(before, await GrantCountAsync());
        var entry = Assert.Single(await AuditOfAsync(admin));
        Assert.Equal(("rights-grant", AuditEntry.ResultError), (entry.Action, entry.Result));
        Assert.Contains(RightsErrors.UnknownPath, entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Groups_and_custom_roles_are_made_on_the_page_and_a_taken_name_is_refused()
    {
        var admin = NewUser(Roles.Administrator);
        var group = "grp-" + Guid.NewGuid().ToString("N")[..6];
        var page = RenderAs<RightsPage>(admin, Roles.Administrator, _ => { });

        page.Find(TextBox("group-name")).Change(group);
        page.Find("[data-testid='group-create']").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid='group-{group}']")), Patience);
        // The page may list the group before its change has ended; its buttons are disabled until then.
        Ready(page, "group-create");
        page.Find("[data-testid='group-create']").Click();
        page.WaitForAssertion(() => Assert.Contains("already in use", page.Find("[data-testid='rights-error']").TextContent, StringComparison.Ordinal), Patience);

        var role = "role-" + Guid.NewGuid().ToString("N")[..6];
        page.Find(TextBox("role-name")).Change(role);
        Ready(page, "role-create");
        page.Find("[data-testid='role-create']").Click();
        page.WaitForAssertion(() => Assert.Contains("at least one privilege", page.Find("[data-testid='rights-error']").TextContent, StringComparison.Ordinal), Patience);
        page.Find("[data-testid='role-privilege-ManageSnapshots'] input, input[data-testid='role-privilege-ManageSnapshots']").Change(true);
        Ready(page, "role-create");
        page.Find("[data-testid='role-create']").Click();
        page.WaitForAssertion(() => Assert.Contains(role, page.Find("[data-testid='roles-table']").TextContent, StringComparison.Ordinal), Patience);

        var actions = (await AuditOfAsync(admin)).Select(e => (e.Action, e.Result)).ToList();
        Assert.Equal(
            [("rights-group-create", AuditEntry.ResultOk), ("rights-group-create", AuditEntry.ResultError),
             ("rights-role-create", AuditEntry.ResultError), ("rights-role-create", AuditEntry.ResultOk)],
            actions);
    }

    [Fact]
    public async Task A_grant_is_listed_and_revoked_from_the_page()
    {
        var admin = NewUser(Roles.Administrator);
        var uuid = (await Fixture.AddGuestAsync("rights-page-guest")).Guest.Uuid;
        await using (var scope = Fixture.Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<WebVirt.Web.Api.ApiRequestUser>().User = AdminPrincipal();
            var granted = await scope.ServiceProvider.GetRequiredService<RightsAdmin>().GrantAsync(
                new GrantRequest("admin", null, $"/hosts/{GuestPageFixture.HostId}/guests/{uuid}", Roles.ConsoleUser));
            Assert.True(granted.Ok, granted.Error);
        }

        var page = RenderAs<RightsPage>(admin, Roles.Administrator, _ => { });
        var path = $"/hosts/{GuestPageFixture.HostId}/guests/{uuid}";
        page.WaitForAssertion(() => Assert.Contains(path, page.Find("[data-testid='grants-table']").TextContent, StringComparison.Ordinal), Patience);

        var id = await GrantIdAsync(path);
        page.Find($"[data-testid='grant-revoke-{id}']").Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(path, page.Find("[data-testid='grants-table']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Null(await GrantIdAsync(path));
        Assert.Contains(await AuditOfAsync(admin), e => e.Action == "rights-revoke" && e.Result == AuditEntry.ResultOk);
    }

    [Fact]
    public async Task A_grant_on_a_guest_its_connected_host_lacks_is_refused_and_changes_nothing()
    {
        // Adds no guest to the shared fixture, whose inventory the empty-form test above relies on; a grant on
        // a guest that is there is A_grant_is_listed_and_revoked_from_the_page's.
        var before = await GrantCountAsync();
        await using var scope = Fixture.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<WebVirt.Web.Api.ApiRequestUser>().User = AdminPrincipal();
        var rights = scope.ServiceProvider.GetRequiredService<RightsAdmin>();

        var missing = await rights.GrantAsync(new GrantRequest("admin", null, $"/hosts/{GuestPageFixture.HostId}/guests/{Guid.NewGuid()}", Roles.Viewer));

        Assert.Equal((false, RightsErrors.UnknownObject), (missing.Ok, missing.Error));
        Assert.Equal(before, await GrantCountAsync());
    }

    [Fact]
    public void The_page_is_in_chinese_too()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
        var page = RenderAs<RightsPage>(NewUser(Roles.Administrator), Roles.Administrator, _ => { });
        page.WaitForAssertion(() => Assert.Contains("授予", page.Find("[data-testid='grant-submit']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Contains("有效权限", page.Markup, StringComparison.Ordinal);
    }

    private static System.Security.Claims.ClaimsPrincipal AdminPrincipal() =>
        new(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "admin"), new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, Roles.Administrator)], "test"));

    private async Task<int> GrantCountAsync()
    {
        await using var db = await Fixture.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        return await db.RightsGrants.CountAsync();
    }

    private async Task<Guid?> GrantIdAsync(string path)
    {
        await using var db = await Fixture.Factory.Services.GetRequiredService<IDbContextFactory<WebDbContext>>().CreateDbContextAsync();
        return await db.RightsGrants.Where(g => g.Path == path).Select(g => (Guid?)g.Id).SingleOrDefaultAsync();
    }

    private static void Ready(IRenderedComponent<RightsPage> page, string button) =>
        page.WaitForAssertion(() => Assert.False(page.Find($"[data-testid='{button}']").HasAttribute("disabled")), Patience);
}
