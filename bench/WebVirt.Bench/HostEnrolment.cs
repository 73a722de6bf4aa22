using Microsoft.Playwright;
using WebVirt.Testing;

namespace WebVirt.Bench;

/// <summary>
/// Adds a host to the console as an administrator does: `webvirt-agent enrol` on the host for a code,
/// then the hosts page's add-host dialog (address and code) in a logged-in page.
/// </summary>
internal static class HostEnrolment
{
    public static async Task EnrolAsync(IPage page, EnrollableAgent agent)
    {
        var (code, _) = await agent.IssueCodeAsync();
        await page.GotoAsync("/hosts");
        await page.GetByTestId("add-host").ClickAsync(new() { Timeout = 30_000 });
        await Field(page, "add-host-address").FillAsync(agent.Address);
        await Field(page, "add-host-code").FillAsync(code);
        await page.GetByTestId("add-host-confirm").ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-host-dialog")).ToHaveCountAsync(0, new() { Timeout = 180_000 });
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid='{testId}'] input, input[data-testid='{testId}']").First;
}
