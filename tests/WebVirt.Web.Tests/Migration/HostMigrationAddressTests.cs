using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WebVirt.Data;
using WebVirt.Web.Components.Hosts;
using WebVirt.Web.Security;
using WebVirt.Web.Tests.GuestHardwareTests;
using WebVirt.Web.Tests.Infrastructure;

namespace WebVirt.Web.Tests.Migration;

/// <summary>
/// A host's migration address on the Hosts page, through the real gateway (rights, audit) into
/// PostgreSQL: a bad address is refused with a clear message and changes nothing.
/// </summary>
public sealed class HostMigrationAddressTests(WebAppFixture app) : GuestPanelTestContext(app), IClassFixture<WebAppFixture>
{
    private readonly IServiceProvider _web = app.Factory.Services;

    private MigrationSettingsStore Store => _web.GetRequiredService<MigrationSettingsStore>();

    [Fact]
    public async Task A_bad_address_is_refused_in_english_and_chinese_and_a_good_one_is_kept()
    {
        await RegisterHostAsync();
        try
        {
            SignInAs(Roles.Administrator);
            var panel = Render<HostMigrationAddress>(p => p.Add(c => c.HostId, HostId).Add(c => c.CanEdit, true));

            Save(panel, "not a host!");
            panel.WaitForAssertion(
                () => Assert.Contains("\"not a host!\" is not an IP address or a host name: the migration address is unchanged", Result(panel), StringComparison.Ordinal),
                Patience);
            Assert.Null(await Store.MigrationAddressAsync(HostId, CancellationToken.None));

            Save(panel, " 10.0.0.7 ");
            panel.WaitForAssertion(() => Assert.Contains("Migration address set: 10.0.0.7", Result(panel), StringComparison.Ordinal), Patience);
            Assert.Equal("10.0.0.7", await Store.MigrationAddressAsync(HostId, CancellationToken.None));

            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-Hans");
            Save(panel, "bad_host..example");
            panel.WaitForAssertion(() => Assert.Contains("“bad_host..example”不是 IP 地址或主机名：迁移地址未更改", Result(panel), StringComparison.Ordinal), Patience);
            Assert.Equal("10.0.0.7", await Store.MigrationAddressAsync(HostId, CancellationToken.None));

            Save(panel, "");
            panel.WaitForAssertion(() => Assert.Contains("迁移地址已设置", Result(panel), StringComparison.Ordinal), Patience);
            Assert.Null(await Store.MigrationAddressAsync(HostId, CancellationToken.None));
        }
        finally
        {
            await Store.SetMigrationAddressAsync(HostId, null, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Without_the_right_to_manage_hosts_nothing_can_be_changed()
    {
        await RegisterHostAsync();
        SignInAs(Roles.Operator);

        var panel = Render<HostMigrationAddress>(p => p.Add(c => c.HostId, HostId).Add(c => c.CanEdit, false));
        var gateway = Services.GetRequiredService<WebVirt.Web.Agents.Gateway.IMigrationSettingsGateway>();
        var refused = await gateway.SetMigrationAddressAsync(HostId, "10.9.9.9");

        Assert.Empty(panel.FindAll("[data-testid='migration-address-input']"));
        Assert.Contains("the agent's address (default)", panel.Find("[data-testid='migration-address-value']").TextContent, StringComparison.Ordinal);
        Assert.False(refused.Ok);
        Assert.Null(await Store.MigrationAddressAsync(HostId, CancellationToken.None));
    }

    private Task RegisterHostAsync() =>
        _web.GetRequiredService<InventoryStore>().EnsureHostAsync(HostId, HostId, "10.0.0", "8.2.0", CancellationToken.None);

    // The field opens once the stored address is read (typing earlier would be overwritten by the read).
    private static void Save(IRenderedComponent<HostMigrationAddress> panel, string text)
    {
        panel.WaitForAssertion(() => Assert.False(panel.Find("[data-testid='migration-address-save']").HasAttribute("disabled")), Patience);
        panel.Find("[data-testid='migration-address-input'] input, input[data-testid='migration-address-input']").Change(text);
        panel.Find("[data-testid='migration-address-save']").Click();
    }

    private static string Result(IRenderedComponent<HostMigrationAddress> panel) =>
        panel.Find("[data-testid='migration-address-result']").TextContent;
}
