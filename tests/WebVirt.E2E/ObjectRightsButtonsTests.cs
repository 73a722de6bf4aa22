using Npgsql;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// A user whose only right is Operator on one guest (granted on the Rights page) signs in, sees that guest and
/// not another, and starts and shuts it down from its page: the buttons follow the rights on the guest.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ObjectRightsButtonsTests(E2EFixture fixture)
{
    private const string UserPassword = "Operator-of-one-1";

    [Fact]
    public async Task An_operator_of_one_guest_sees_only_it_and_starts_and_stops_it_from_its_page()
    {
        var mine = fixture.GuestName;
        var other = TestRun.GuestName("e2e-rights-other");
        var userName = "op1-" + TestRun.Id;
        var runDirectory = TestGuestImages.CreateRunDirectory();
        await TestGuestImages.CopyIntoAsync(runDirectory, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (connection.DefineDomainXml(TestGuestDomainXml.DirectKernelBoot(other, runDirectory)))
        {
        }

        try
        {
            // The shared guest starts shut off, whatever an earlier test left it in.
            fixture.DestroyGuest();
            var admin = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(admin, "object-rights-grant", async () =>
            {
                await PageSteps.LoginAsync(admin, "admin", WebVirtStack.AdminPassword);
                await Expect(admin.GetByTestId($"guest-row-{other}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await admin.GotoAsync("/users");
                await admin.GetByTestId("new-user-name").FillAsync(userName);
                await admin.GetByTestId("new-user-password").FillAsync(UserPassword);
                await admin.GetByTestId("new-user-submit").ClickAsync();
                await Expect(admin.GetByTestId($"user-role-{userName}")).ToBeVisibleAsync(new() { Timeout = 15_000 });

                await admin.GotoAsync("/rights");
                await Expect(admin.GetByTestId("grant-submit")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await PageSteps.ChooseAsync(admin, "grant-principal", userName);
                await PageSteps.ChooseAsync(admin, "grant-path-kind", "Guest");
                await PageSteps.ChooseAsync(admin, "grant-guest", mine);
                await PageSteps.ChooseAsync(admin, "grant-role", "Operator");
                await admin.GetByTestId("grant-submit").ClickAsync();
                await Expect(admin.GetByTestId("grants-table")).ToContainTextAsync(userName, new() { Timeout = 30_000 });
            });

            // The Users page always gives a global role; a user with none (as a PAM user without a mapped group is)
            // holds nothing but the grant.
            await RemoveGlobalRolesAsync(userName);

            var page = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(page, "object-rights-operate", async () =>
            {
                await PageSteps.LoginAsync(page, userName, UserPassword);
                var state = page.GetByTestId($"guest-state-{mine}");
                await Expect(state).ToHaveTextAsync("Shut off", PageSteps.Soon);
                await Expect(page.GetByTestId($"action-start-{mine}")).ToBeEnabledAsync();
                Assert.Equal(0, await page.GetByTestId($"guest-row-{other}").CountAsync());
                await PageSteps.ScreenshotAsync(page, "object-rights-dashboard");

                await page.GetByTestId($"guest-link-{mine}").ClickAsync();
                await Expect(page.GetByTestId("guest-page")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId($"action-start-{mine}").ClickAsync();
                await Expect(page.GetByTestId($"guest-state-{mine}").First).ToHaveTextAsync("Running", PageSteps.Soon);
                await Expect(page.GetByTestId($"action-shutdown-{mine}")).ToBeEnabledAsync(new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("guest-console-link")).ToBeVisibleAsync();
                await PageSteps.ScreenshotAsync(page, "object-rights-guest-running");

                // The guest's acpid only hears the power button once it has booted.
                await SerialLog.WaitForAsync(fixture.SerialLogPath, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(120));
                await page.GetByTestId($"action-shutdown-{mine}").ClickAsync();
                await Expect(page.GetByTestId($"guest-state-{mine}").First).ToHaveTextAsync("Shut off", new() { Timeout = 60_000 });
                await Expect(page.GetByTestId($"action-start-{mine}")).ToBeEnabledAsync(new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "object-rights-guest-shut-off");
            });
        }
        finally
        {
            fixture.DestroyGuest();
            using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
            using (var domain = connection.LookupDomainByName(other))
            {
                domain.Undefine();
            }

            Directory.Delete(runDirectory, recursive: true);
        }
    }

    private async Task RemoveGlobalRolesAsync(string userName)
    {
        await using var connection = new NpgsqlConnection(fixture.Stack.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM \"AspNetUserRoles\" WHERE \"UserId\" = (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"UserName\" = @name)", connection);
        command.Parameters.AddWithValue("name", userName);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
