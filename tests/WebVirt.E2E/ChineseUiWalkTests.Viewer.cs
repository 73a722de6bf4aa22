using System.Globalization;
using OtpNet;
using WebVirt.E2E.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// The Chinese walk as a Viewer: enrolling an authenticator (recovery codes), the second login
/// step with a wrong code, then what the role may not do (open a console).
/// </summary>
public sealed partial class ChineseUiWalkTests
{
    private async Task ViewerAsync(string viewer)
    {
        var key = "";
        var enrol = await NewChinesePageAsync();
        await PageSteps.WithFailureScreenshotAsync(enrol, "zh-viewer-enrol", async () =>
        {
            await PageSteps.LoginAsync(enrol, viewer, ViewerPassword);
            await Expect(enrol.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(Shortly);
            await LookAsync(enrol, "dashboard (viewer)", "zh-dashboard-viewer");
            await enrol.GotoAsync("/account/two-factor");
            await Expect(enrol.GetByTestId("two-factor-qr")).ToBeVisibleAsync(Shortly);
            key = (await enrol.GetByTestId("two-factor-key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
            await enrol.FillAsync("#enrol-code", CurrentCode(key));
            await enrol.GetByTestId("two-factor-enable").ClickAsync();
            await Expect(enrol.GetByTestId("two-factor-recovery-codes")).ToBeVisibleAsync(Shortly);
            await LookAsync(enrol, "two-factor recovery codes", "zh-recovery-codes");
            await enrol.GetByTestId("two-factor-logout").ClickAsync();
            await Expect(enrol.Locator("#username")).ToBeVisibleAsync(Shortly);
        });

        var page = await NewChinesePageAsync();
        await PageSteps.WithFailureScreenshotAsync(page, "zh-viewer", async () =>
        {
            await PageSteps.LoginAsync(page, viewer, ViewerPassword);
            await Expect(page.Locator("#code")).ToBeVisibleAsync(Shortly);
            await LookAsync(page, "second login step", "zh-login-two-factor");
            await page.FillAsync("#code", WrongCode(key));
            await page.GetByTestId("two-factor-submit").ClickAsync();
            await Expect(page.GetByTestId("two-factor-error")).ToBeVisibleAsync(Shortly);
            await LookAsync(page, "second login step with a wrong code");
            await page.FillAsync("#code", CurrentCode(key));
            await page.GetByTestId("two-factor-submit").ClickAsync();
            await Expect(page.GetByTestId($"guest-row-{fixture.GuestName}")).ToBeVisibleAsync(Shortly);

            await page.GotoAsync($"/guests/{fixture.Stack.HostId}/{GuestUuid()}/console");
            await Expect(page.GetByTestId("console-forbidden")).ToBeVisibleAsync(Shortly);
            await LookAsync(page, "console refused to a viewer", "zh-console-forbidden");
        });
    }

    private static string CurrentCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    // Identity accepts codes two steps either side of now; this one is from none of them.
    private static string WrongCode(string key)
    {
        var totp = new Totp(Base32Encoding.ToBytes(key));
        var accepted = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", CultureInfo.InvariantCulture)).First(code => !accepted.Contains(code));
    }

    private string GuestUuid()
    {
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var domain = connection.LookupDomainByName(fixture.GuestName);
        return domain.Uuid;
    }
}
