using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// What the migration E2E tests share: a shared folder with the test guest's files, booting a TCG guest on a host,
/// a disk in a pool only the source host has, the guest's uptime ticking in its serial log, its notes, and a page in
/// Chinese. Enrolling hosts and marking pools shared are <see cref="HostPages"/>' (shared with the benchmark).
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
    /// A folder only this machine's system libvirtd uses, made a pool <paramref name="pool"/> there (not marked shared),
    /// with a copy of the test guest's disk named after <paramref name="name"/>; the disk's path.
    /// </summary>
    public static async Task<string> LocalPoolDiskAsync(string pool, string directory, string name)
    {
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        var disk = Path.Combine(directory, name + ".qcow2");
        File.Copy(Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk), disk);
        HostPages.CreatePool("qemu:///system", pool, directory);
        return disk;
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

    /// <summary>Starts <see cref="SerialTicker"/>'s loop in the booted guest <paramref name="name"/> on <paramref name="uri"/>: its uptime in the shared serial log from now on.</summary>
    public static async Task StartTickerAsync(string uri, string name, string shared)
    {
        using var connection = LibvirtConnection.Open(uri);
        using var domain = connection.LookupDomainByName(name);
        await SerialTicker.StartAsync(domain, TestGuestDomainXml.SerialLogPath(name, shared));
    }

    /// <summary>Gives the guest on the page notes and a tag in its notes card, as a user would; they should follow it to another host.</summary>
    public static async Task WriteNotesAsync(IPage page, string description, string tag)
    {
        await PageSteps.Field(page, "guest-notes-description", "textarea").FillAsync(description);
        await PageSteps.Field(page, "guest-notes-tag-input", "input").FillAsync(tag);
        await page.GetByTestId("guest-notes-tag-add").ClickAsync();
        await page.GetByTestId("guest-notes-save").ClickAsync();
        await Expect(page.GetByTestId("guest-notes-updated")).ToContainTextAsync("admin", new() { Timeout = 30_000 });
    }

    /// <summary>
    /// A page in a fresh browser context on the console, in English or Simplified Chinese, logged in as the
    /// administrator (<see cref="PageSteps.WithFailureScreenshotAsync"/> closes a page's context after its steps).
    /// </summary>
    public static async Task<IPage> AdminPageAsync(IBrowser browser, string webUrl, bool chinese = false)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = webUrl, Locale = chinese ? "zh-CN" : "en-US", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        if (chinese)
        {
            await context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = webUrl }]);
        }

        var page = await context.NewPageAsync();
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        return page;
    }

    /// <summary>Asserts that no host at <paramref name="uri"/> has a guest named <paramref name="name"/>, running or defined.</summary>
    public static void AssertAbsent(string uri, string name)
    {
        using var connection = LibvirtConnection.Open(uri);
        Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => connection.LookupDomainByName(name).Dispose()).Code);
    }
}
