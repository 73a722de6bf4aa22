using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebVirt.Libvirt;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Infrastructure;

/// <summary>
/// The wizard's last click and what a person then watches: the new guest's serial console in the
/// browser, until the test guest's banner shows. The console relays only what the guest prints
/// while it is open (no backlog), so it is opened as soon as libvirt runs the guest, long before
/// the kernel prints anything under TCG.
/// </summary>
public static partial class BannerSteps
{
    public const string Banner = "WEBVIRT TEST GUEST READY";

    /// <summary>Clicks Create on the summary and returns the time from that click to the banner on the guest's serial console.</summary>
    public static async Task<TimeSpan> CreateAndWatchBannerAsync(IPage page, string hostId, string guest, TimeSpan bannerTimeout)
    {
        var clock = Stopwatch.StartNew();
        await page.GetByTestId("wizard-create").ClickAsync();
        await Expect(page).ToHaveURLAsync(Dashboard(), new() { Timeout = 30_000 });
        string uuid = await WaitForRunningAsync(guest, TimeSpan.FromSeconds(120));

        await OpenSerialConsoleAsync(page, $"/guests/{hostId}/{uuid}/console");
        await Expect(page.GetByTestId("serial-terminal").Locator(".xterm-rows")).ToContainTextAsync(Banner, new() { Timeout = (float)bannerTimeout.TotalMilliseconds });
        return clock.Elapsed;
    }

    /// <summary>
    /// The console page's serial tab, connected. Loaded once more when the first load fails: on this
    /// loaded two-core machine Chromium has been seen to give up on one of noVNC's modules while the
    /// TCG guest boots, which stops the page's circuit ("This page met an error").
    /// </summary>
    private static async Task OpenSerialConsoleAsync(IPage page, string url)
    {
        for (int attempt = 1; ; attempt++)
        {
            await page.GotoAsync(url);
            await page.GetByRole(AriaRole.Tab, new() { Name = "Serial console" }).ClickAsync();
            try
            {
                await Expect(page.GetByTestId("serial-state")).ToHaveAttributeAsync("data-state", "Connected", new() { Timeout = 20_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 2)
            {
            }
        }
    }

    /// <summary>The guest's UUID once libvirt runs it (the create task defines, then starts it).</summary>
    public static async Task<string> WaitForRunningAsync(string guest, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
            {
                try
                {
                    using var domain = connection.LookupDomainByName(guest);
                    if (domain.IsActive())
                    {
                        return domain.Uuid;
                    }
                }
                catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
                {
                }
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"guest {guest} was not running after {timeout}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>A directory-backed pool named <paramref name="pool"/> in a fresh run directory holding a copy of the test guest's qcow2 image.</summary>
    public static async Task<string> CreateImagePoolAsync(string pool)
    {
        string poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "import-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Disk);
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        {
        }

        return poolPath;
    }

    [GeneratedRegex("/$")]
    private static partial Regex Dashboard();
}
