using Microsoft.Playwright;
using WebVirt.Libvirt.Connection;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.Testing.Browser;

/// <summary>
/// What an administrator does on the hosts and storage pages before guests move between hosts, shared by the
/// migration E2E tests and the migration benchmark: add a host with an enrolment code, and make a folder every host
/// sees a pool on a host that the storage page marks shared (a migration leaves a disk in place only on such a pool).
/// </summary>
public static class HostPages
{
    /// <summary>Adds <paramref name="agent"/>'s host on the hosts page, as an administrator would, with a fresh enrolment code.</summary>
    public static async Task EnrolAsync(IPage page, EnrollableAgent agent)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(agent);
        var (code, _) = await agent.IssueCodeAsync();
        await page.GotoAsync("/hosts");
        await page.GetByTestId("add-host").ClickAsync(new() { Timeout = 30_000 });
        await Field(page, "add-host-address").FillAsync(agent.Address);
        await Field(page, "add-host-code").FillAsync(code);
        await page.GetByTestId("add-host-confirm").ClickAsync();
        await Expect(page.GetByTestId("add-host-dialog")).ToHaveCountAsync(0, new() { Timeout = 180_000 });
    }

    /// <summary>A running directory pool over <paramref name="path"/> on the host at <paramref name="uri"/>, not marked shared.</summary>
    public static void CreatePool(string uri, string pool, string path)
    {
        using var connection = LibvirtConnection.Open(uri);
        connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{path}</path></target></pool>").Dispose();
    }

    /// <summary>
    /// Makes <paramref name="path"/> a pool named <paramref name="pool"/> on the host at <paramref name="uri"/> (as an
    /// NFS export mounted on each host would be; a name per host, so the storage page cannot mark another host's by
    /// mistake), then marks it shared on the storage page, whichever host of its selector holds it.
    /// </summary>
    public static async Task SharePoolAsync(IPage page, string uri, string pool, string path)
    {
        ArgumentNullException.ThrowIfNull(page);
        CreatePool(uri, pool, path);
        await page.GotoAsync("/storage");
        var menu = page.GetByTestId($"pool-menu-{pool}");
        await Expect(page.GetByTestId("pools-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The page opens on the console's first host; the others are in its host selector (shown from two hosts on).
        var seen = new List<string>();
        for (var next = 1; !await ListsAsync(page, menu); next++)
        {
            seen.Add(await page.GetByTestId("pools-table").InnerTextAsync());
            await page.GetByTestId("storage-host").ClickAsync();
            var items = page.Locator(".mud-popover-open .mud-list-item");
            await items.First.WaitForAsync(new() { Timeout = 10_000 });
            if (next >= await items.CountAsync())
            {
                throw new InvalidOperationException($"no host on the storage page has pool {pool}; they list: {string.Join(" | ", seen)}");
            }

            var host = (await items.Nth(next).InnerTextAsync()).Trim();
            await items.Nth(next).ClickAsync();
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
            // The selector shows the host in the same render that starts loading its pools.
            await Expect(page.GetByTestId("storage-host")).ToContainTextAsync(host, new() { Timeout = 10_000 });
        }

        await menu.ClickAsync();
        await page.GetByTestId($"pool-share-{pool}").ClickAsync();
        await Expect(page.GetByTestId($"pool-shared-{pool}")).ToContainTextAsync("between hosts", new() { Timeout = 30_000 });
    }

    /// <summary>
    /// Whether the storage page lists <paramref name="menu"/>'s pool once the selected host's pools have loaded (its
    /// Reload button is disabled while they load), so that a host without it is passed at once.
    /// </summary>
    private static async Task<bool> ListsAsync(IPage page, ILocator menu)
    {
        await Expect(page.GetByTestId("storage-reload")).ToBeEnabledAsync(new() { Timeout = 30_000 });
        return await menu.CountAsync() > 0;
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"[data-testid='{testId}'] input, input[data-testid='{testId}']").First;
}
