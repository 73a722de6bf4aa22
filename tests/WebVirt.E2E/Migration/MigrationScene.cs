using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// What the migration E2E tests share: a shared folder with the test guest's files, booting a TCG guest on a host,
/// enrolling a host's agent from the hosts page, and the folder as a pool on each host that an administrator marks
/// shared on the storage page (a disk stays in place only on a marked pool).
/// </summary>
internal static class MigrationScene
{
    /// <summary>A folder under <see cref="LibvirtHosts.SharedDirectory"/> (every host sees it) with the test guest's kernel, initrd and disk.</summary>
    public static async Task<string> SharedFolderAsync(string prefix)
    {
        var shared = Path.Combine(LibvirtHosts.SharedDirectory, prefix + "run");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(shared, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd, TestGuestImages.Disk);
        return shared;
    }

    public static void RemoveSharedFolder(string shared)
    {
        if (Directory.Exists(shared))
        {
            Directory.Delete(shared, recursive: true);
        }
    }

    /// <summary>
    /// Makes <paramref name="path"/> a pool named <paramref name="pool"/> on the host at <paramref name="uri"/> (as an
    /// NFS export mounted on each host would be; a name per host, so the storage page cannot mark another host's by
    /// mistake), then marks it shared on the storage page, whichever host of its selector holds it.
    /// </summary>
    public static async Task SharePoolAsync(IPage page, string uri, string pool, string path)
    {
        CreatePool(uri, pool, path);
        await page.GotoAsync("/storage");
        var menu = page.GetByTestId($"pool-menu-{pool}");
        await Expect(page.GetByTestId("pools-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The page opens on the console's first host; the others are in its host selector (shown from two hosts on).
        var seen = new List<string>();
        for (var next = 1; !await ShowsAsync(menu); next++)
        {
            seen.Add(await page.GetByTestId("pools-table").InnerTextAsync());
            await page.GetByTestId("storage-host").ClickAsync();
            var items = page.Locator(".mud-popover-open .mud-list-item");
            await items.First.WaitForAsync(new() { Timeout = 10_000 });
            Assert.True(next < await items.CountAsync(), $"no host on the storage page has pool {pool}; they list: {string.Join(" | ", seen)}");
            await items.Nth(next).ClickAsync();
            await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0, new() { Timeout = 5_000 });
        }

        await menu.ClickAsync();
        await page.GetByTestId($"pool-share-{pool}").ClickAsync();
        await Expect(page.GetByTestId($"pool-shared-{pool}")).ToContainTextAsync("between hosts", new() { Timeout = 30_000 });
    }

    /// <summary>A running directory pool over <paramref name="path"/>, not marked shared.</summary>
    public static void CreatePool(string uri, string pool, string path)
    {
        using var connection = LibvirtConnection.Open(uri);
        connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{path}</path></target></pool>").Dispose();
    }

    private static async Task<bool> ShowsAsync(ILocator locator)
    {
        try
        {
            await locator.WaitForAsync(new() { Timeout = 10_000 });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Defines and starts the direct-kernel-boot test guest on <paramref name="uri"/> with <paramref name="disk"/> (on shared storage, cache='none'), and waits for its shell.</summary>
    public static async Task<string> BootAsync(string uri, string name, string shared, string disk)
    {
        var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, shared));
        domain.Element("devices")!.Element("serial")!.Element("log")!.SetAttributeValue("append", "on");
        domain.Element("devices")!.AddFirst(XElement.Parse(
            $"<disk type='file' device='disk'><driver name='qemu' type='qcow2' cache='none'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>"));
        using var connection = LibvirtConnection.Open(uri);
        using var defined = connection.DefineDomainXml(domain.ToString());
        defined.Create();
        await SerialLog.WaitForAsync(TestGuestDomainXml.SerialLogPath(name, shared), "webvirt-testguest:", TimeSpan.FromSeconds(120));
        return defined.Uuid;
    }

    /// <summary>Adds <paramref name="agent"/>'s host on the hosts page, as an administrator would, with a fresh enrolment code.</summary>
    public static async Task EnrolAsync(IPage page, EnrollableAgent agent)
    {
        await page.GotoAsync("/hosts");
        var (code, _) = await agent.IssueCodeAsync();
        await page.GetByTestId("add-host").ClickAsync();
        await PageSteps.Field(page, "add-host-address", "input").FillAsync(agent.Address);
        await PageSteps.Field(page, "add-host-code", "input").FillAsync(code);
        await page.GetByTestId("add-host-confirm").ClickAsync();
        await Expect(page.GetByTestId("add-host-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }
}
