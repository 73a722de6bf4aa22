using Microsoft.Playwright;
using Npgsql;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A user whose only right is Administrator on one pool and one network of the host (no global role) sees the
/// storage and networks pages with that pool's and that network's buttons only, in English and Chinese.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ResourceRightsScreenshotTests(E2EFixture fixture)
{
    private const string UserPassword = "Admin-of-one-pool-1";

    [Fact]
    public async Task An_administrator_of_one_pool_and_one_network_sees_their_buttons_only_in_english_and_chinese()
    {
        var pool = TestRun.Prefix + "rrs-pool";
        var network = TestRun.Prefix + "rrs-net";
        var poolDirectory = Directory.CreateTempSubdirectory("wvt-rrs-").FullName;
        var userName = "pa-" + TestRun.Id;
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        {
            connection.DefineStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolDirectory}</path></target></pool>").Dispose();
            connection.DefineNetworkXml($"<network><name>{network}</name><bridge name='wvtrrs{TestRun.Id[..4]}'/><ip address='10.219.{Convert.ToInt32(TestRun.Id[..2], 16)}.1' netmask='255.255.255.0'/></network>").Dispose();
        }

        try
        {
            var admin = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(admin, "resource-rights-user", async () =>
            {
                await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
                await admin.GotoAsync("/users");
                await admin.GetByTestId("new-user-name").FillAsync(userName);
                await admin.GetByTestId("new-user-password").FillAsync(UserPassword);
                await admin.GetByTestId("new-user-submit").ClickAsync();
                await Expect(admin.GetByTestId($"user-role-{userName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });
            });
            await OnlyGrantsAsync(userName, $"/hosts/{fixture.Stack.HostId}/pools/{pool}", $"/hosts/{fixture.Stack.HostId}/networks/{network}");

            foreach (var suffix in new[] { "en", "zh" })
            {
                var page = await PageSteps.NewPageAsync(fixture, suffix == "en" ? "en-US" : "zh-CN");
                if (suffix == "zh")
                {
                    await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = fixture.Stack.WebUrl }]);
                }

                await PageSteps.WithFailureScreenshotAsync(page, "resource-rights-" + suffix, async () =>
                {
                    await PageSteps.LoginAsync(page, userName, UserPassword);
                    await page.GotoAsync("/storage");
                    await Expect(page.GetByTestId($"pool-row-{pool}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    await Expect(page.GetByTestId($"pool-menu-{pool}")).ToBeVisibleAsync();
                    Assert.Equal(1, await page.Locator("[data-testid^='pool-menu-']").CountAsync());
                    Assert.Equal(0, await page.GetByTestId("pool-new-panel").CountAsync());
                    await PageSteps.ScreenshotAsync(page, "resource-rights-storage-" + suffix);

                    await page.GotoAsync("/networks");
                    await Expect(page.GetByTestId($"network-row-{network}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    await Expect(page.GetByTestId($"network-menu-{network}")).ToBeVisibleAsync();
                    Assert.Equal(1, await page.Locator("[data-testid^='network-menu-']").CountAsync());
                    Assert.Equal(0, await page.GetByTestId("network-new-panel").CountAsync());
                    await page.GetByTestId($"network-row-{network}").ClickAsync();
                    await Expect(page.GetByTestId("static-host-add")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                    await PageSteps.ScreenshotAsync(page, "resource-rights-networks-" + suffix);
                });
            }
        }
        finally
        {
            using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
            using (var defined = connection.LookupStoragePoolByName(pool))
            {
                defined.Undefine();
            }

            using (var defined = connection.LookupNetworkByName(network))
            {
                defined.Undefine();
            }

            Directory.Delete(poolDirectory, recursive: true);
        }
    }

    /// <summary>The Users page always gives a global role: it is taken away, and the grants on the pool and network are all the user holds.</summary>
    private async Task OnlyGrantsAsync(string userName, params string[] paths)
    {
        await using var connection = new NpgsqlConnection(fixture.Stack.Database.ConnectionString);
        await connection.OpenAsync();
        await using (var command = new NpgsqlCommand(
            "DELETE FROM \"AspNetUserRoles\" WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = @name)", connection))
        {
            command.Parameters.AddWithValue("name", userName);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        foreach (var path in paths)
        {
            await using var grant = new NpgsqlCommand(
                "INSERT INTO rights_grants (\"Id\", \"UserId\", \"Path\", \"Role\", \"IsOwner\", \"CreatedAt\", \"CreatedBy\") " +
                "SELECT @id, \"Id\", @path, 'Administrator', false, now(), 'e2e' FROM \"AspNetUsers\" WHERE \"UserName\" = @name", connection);
            grant.Parameters.AddWithValue("id", Guid.NewGuid());
            grant.Parameters.AddWithValue("path", path);
            grant.Parameters.AddWithValue("name", userName);
            Assert.Equal(1, await grant.ExecuteNonQueryAsync());
        }
    }
}
