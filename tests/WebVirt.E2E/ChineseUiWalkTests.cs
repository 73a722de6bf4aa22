using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// Walks every page and the states a user meets on them (dialogs, wizard steps, refusals, a second
/// login step, a role's refusal, an unknown address) with the console in Simplified Chinese, and
/// fails on any English word that is not a name, a number, a unit or a fixed technical term.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class ChineseUiWalkTests(E2EFixture fixture, ITestOutputHelper output)
{
    private const string ViewerPassword = "Viewer-pass-zh-1";
    private const string BadName = "bad name!";
    private const string RelativePath = "relative/path";
    private static readonly LocatorAssertionsToBeVisibleOptions Shortly = new() { Timeout = 30_000 };

    private readonly List<string> _found = [];
    private readonly string _wizardGuest = TestRun.GuestName("zh-wizard");
    private EnglishTextScanner _scanner = null!;

    [Fact]
    public async Task Every_page_in_chinese_shows_no_english_words()
    {
        var pool = TestRun.GuestName("zh-pool");
        var volume = "zh-disk.qcow2";
        var viewer = "zhviewer" + TestRun.Id;
        var poolPath = Path.Combine(TestGuestImages.CreateRunDirectory(), "zh-walk-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (var created = connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
        using (created.CreateVolumeXml($"<volume><name>{volume}</name><capacity unit='MiB'>16</capacity><target><format type='qcow2'/></target></volume>"))
        {
        }

        // Names: the test's own, what the test types, and the host's (its name, its CPU's model, its
        // network interfaces, and the libvirt networks, pools and volumes on it, such as "default").
        var cpuModel = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1] ?? "";
        _scanner = new EnglishTextScanner(
            [fixture.GuestName, _wizardGuest, fixture.Stack.HostId, Environment.MachineName, pool, volume, viewer, "admin", "e2e", BadName, RelativePath,
             "Debian 11", "debian11", .. cpuModel.Split(' ', StringSplitOptions.RemoveEmptyEntries), .. HostObjectNames()]);
        var page = await NewChinesePageAsync();
        // The account page lists the sessions with the browser's own description of itself.
        var userAgent = await page.EvaluateAsync<string>("() => navigator.userAgent");
        _scanner = new EnglishTextScanner([.. _scanner.Names, userAgent, .. userAgent.Split([' ', '(', ')', ';', ','], StringSplitOptions.RemoveEmptyEntries)]);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Every_page_in_chinese_shows_no_english_words), async () =>
            {
                fixture.StartGuest();
                await LoginPagesAsync(page);
                await DashboardAsync(page);
                await GuestPageAsync(page);
                await ConsolePagesAsync(page);
                await WizardAsync(page);
                await CreatedGuestAsync(page);
                await StorageAsync(page, pool, volume);
                await NetworksAsync(page);
                await HostsAsync(page);
                await UsersAsync(page, viewer);
                await AuditAndAccountAsync(page);
                await UnknownAddressAsync(page);
            });

            await ViewerAsync(viewer);
        }
        finally
        {
            foreach (var finding in _found)
            {
                output.WriteLine(finding);
            }

            fixture.DestroyGuest();
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: _wizardGuest);
            using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
            using var created = connection.LookupStoragePoolByName(pool);
            foreach (var left in created.ListAllVolumes())
            {
                using (left)
                {
                    left.Delete();
                }
            }

            created.Destroy();
        }

        Assert.True(_found.Count == 0, $"English text in the Chinese console ({_found.Count}):\n" + string.Join('\n', _found));
    }

    private static IEnumerable<string> HostObjectNames()
    {
        var names = Directory.GetFileSystemEntries("/sys/class/net").Select(Path.GetFileName).OfType<string>().ToList();
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        foreach (var network in connection.ListAllNetworks())
        {
            using (network)
            {
                names.Add(network.Name);
            }
        }

        foreach (var pool in connection.ListAllStoragePools())
        {
            using (pool)
            {
                names.Add(pool.Name);
                try
                {
                    foreach (var volume in pool.IsActive() ? pool.ListAllVolumes() : [])
                    {
                        using (volume)
                        {
                            names.Add(volume.Name);
                        }
                    }
                }
                catch (LibvirtException)
                {
                    // Another test run removed its pool meanwhile: it has no volumes to name.
                }
            }
        }

        return names;
    }

    private async Task UnknownAddressAsync(IPage page)
    {
        var response = await page.GotoAsync("/no-such-page");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("not-found-page")).ToBeVisibleAsync(Shortly);
        await LookAsync(page, "unknown address", "zh-not-found");
    }

    private async Task DialogAsync(IPage page, string open, string dialog, string cancel, string where)
    {
        await page.GetByTestId(open).ClickAsync();
        await Expect(page.GetByTestId(dialog)).ToBeVisibleAsync(Shortly);
        await LookAsync(page, where);
        await page.GetByTestId(cancel).ClickAsync();
        await Expect(page.GetByTestId(dialog)).ToHaveCountAsync(0, new() { Timeout = 10_000 });
    }

    /// <summary>Opens a list (a MudSelect), notes what it offers, and closes it again unchanged.</summary>
    private async Task ListAsync(IPage page, string testId, string where)
    {
        await page.GetByTestId(testId).ClickAsync();
        await Expect(page.Locator(".mud-popover-open .mud-list-item").First).ToBeVisibleAsync(Shortly);
        await LookAsync(page, where);
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
    }

    /// <summary>Notes the English words on the page as it is now; with a name, also keeps a screenshot of it.</summary>
    private async Task LookAsync(IPage page, string where, string? screenshot = null)
    {
        // Snackbars and validation texts arrive over the circuit a moment after the click.
        await page.WaitForTimeoutAsync(400);
        foreach (var word in await _scanner.EnglishOnAsync(page))
        {
            _found.Add($"{where}: {word}");
        }

        if (screenshot is not null)
        {
            await PageSteps.ScreenshotAsync(page, screenshot);
        }
    }

    private async Task<IPage> NewChinesePageAsync()
    {
        var page = await PageSteps.NewPageAsync(fixture, "zh-CN");
        await page.Context.AddCookiesAsync(
        [
            new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = fixture.Stack.WebUrl },
        ]);
        return page;
    }
}
