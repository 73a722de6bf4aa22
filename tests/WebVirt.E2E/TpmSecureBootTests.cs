using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// Windows 11 in the wizard's OS list turns on UEFI + Secure Boot and the TPM, in English and
/// Chinese; the guest page's TPM switch adds and removes the shut-off fixture guest's TPM.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class TpmSecureBootTests(E2EFixture fixture)
{
    [Theory]
    [InlineData("en-US", "UEFI with Secure Boot")]
    [InlineData("zh-CN", "UEFI（启用安全启动）")]
    public async Task Windows_11_gets_uefi_with_secure_boot_and_a_tpm_by_default(string locale, string secureBootLabel)
    {
        var page = await PageSteps.NewPageAsync(fixture, locale);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(Windows_11_gets_uefi_with_secure_boot_and_a_tpm_by_default) + locale, async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync("/guests/new");
            await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await page.GetByTestId("source-pxe").ClickAsync();
            await page.GetByTestId("wizard-next").ClickAsync();

            var os = PageSteps.Field(page, "wizard-os", "input");
            await Expect(os).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await os.FillAsync("Windows 11");
            await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "win11" }).First.ClickAsync();
            await page.GetByTestId("wizard-next").ClickAsync();

            await PageSteps.Field(page, "wizard-name", "input").FillAsync(TestRun.GuestName("win11-" + locale[..2]));
            await PageSteps.Field(page, "wizard-memory", "input").FillAsync("512");
            await page.GetByTestId("disk-none").ClickAsync();
            await page.GetByTestId("wizard-next").ClickAsync();
            await page.GetByTestId("net-none").ClickAsync();
            await page.GetByTestId("wizard-next").ClickAsync();

            // System: Secure Boot chosen, the TPM on, both offered because this host has ovmf and swtpm.
            await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(PageSteps.Field(page, "wizard-firmware-secureboot", "input")).ToBeCheckedAsync();
            await Expect(page.GetByText(secureBootLabel, new() { Exact = true })).ToBeVisibleAsync();
            await Expect(PageSteps.Field(page, "wizard-tpm", "input")).ToBeCheckedAsync();
            await Expect(page.GetByTestId("wizard-no-tpm")).ToHaveCountAsync(0);
            await PageSteps.ScreenshotAsync(page, "wizard-system-win11-" + locale);

            // The summary's XML is what the agent would define.
            await page.GetByTestId("wizard-next").ClickAsync();
            var xml = PageSteps.Field(page, "wizard-xml", "textarea");
            await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("name=\"secure-boot\""), new() { Timeout = 30_000 });
            await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<tpm model=\"tpm-crb\">"));
            await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<smm state=\"on\""));
        });
    }

    [Fact]
    public async Task The_guest_page_adds_and_removes_the_tpm_of_a_shut_off_guest()
    {
        fixture.DestroyGuest();
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_guest_page_adds_and_removes_the_tpm_of_a_shut_off_guest), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            // Straight to the page: the dashboard lists other runs' guests too, and ours may be on a later page.
            await page.GotoAsync($"/guests/{fixture.Stack.HostId}/{GuestUuid()}");
            await page.GetByTestId("guest-tab-hardware").ClickAsync();
            var card = page.GetByTestId("hw-firmware-card");
            await Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByTestId("hw-firmware-kind")).ToHaveTextAsync("BIOS");
            await Expect(page.GetByTestId("hw-firmware-tpm")).ToHaveTextAsync("none");
            // The fixture guest boots with BIOS: no Secure Boot to switch on.
            await Expect(PageSteps.Field(page, "hw-firmware-secureboot-switch", "input")).ToBeDisabledAsync();

            await PageSteps.Field(page, "hw-firmware-tpm-switch", "input").ClickAsync(new() { Force = true });
            await Expect(page.GetByTestId("hw-firmware-tpm")).ToHaveTextAsync("TPM 2.0, emulated (tpm-tis)", new() { Timeout = 30_000 });
            Assert.Contains("<tpm model='tpm-tis'>", PersistentXml(), StringComparison.Ordinal);
            await card.ScrollIntoViewIfNeededAsync();
            await PageSteps.ScreenshotAsync(page, "guest-hardware-firmware-tpm");

            // Removing it deletes its state too, and the confirmation says so.
            await PageSteps.Field(page, "hw-firmware-tpm-switch", "input").ClickAsync(new() { Force = true });
            await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Its state is deleted from the host with it", new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "guest-hardware-tpm-remove-confirm");
            await page.GetByTestId("confirm-ok").ClickAsync();
            await Expect(page.GetByTestId("hw-firmware-tpm")).ToHaveTextAsync("none", new() { Timeout = 30_000 });
            Assert.DoesNotContain("<tpm", PersistentXml(), StringComparison.Ordinal);
        });
    }

    private string GuestUuid()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(fixture.GuestName);
        return domain.Uuid;
    }

    private string PersistentXml()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(fixture.GuestName);
        return domain.GetXmlDesc(inactive: true).Replace('"', '\'');
    }
}
