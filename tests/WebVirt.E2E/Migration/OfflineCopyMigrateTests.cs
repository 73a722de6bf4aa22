using System.Diagnostics;
using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Libvirt;
using WebVirt.Testing;
using WebVirt.Testing.Browser;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E.Migration;

/// <summary>
/// A shut-off guest whose disk is on a pool only its host has is migrated offline from its page, in a
/// real browser: the dialog says the disk will be copied, offers the destination's pool, raises no
/// objection, and the guest ends up defined on the second host only with its disk in that pool.
/// The dialog is also shown in Chinese. Its own stack, hosts, pool and guest; all removed at the end.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class OfflineCopyMigrateTests(ITestOutputHelper output)
{
    private const string DestinationHost = "o";
    private static readonly string s_prefix = $"{TestRun.CommonPrefix}offcopy-e2e-{TestRun.Id[..6]}-";

    [Fact]
    public async Task A_shut_off_guest_with_a_local_disk_is_migrated_offline_with_its_disk_copied()
    {
        if (LibvirtHosts.SkipReason is { } reason)
        {
            output.WriteLine($"skipped: {reason}");
            return;
        }

        var shared = Path.Combine(LibvirtHosts.SharedDirectory, s_prefix + "run");
        var local = Path.Combine("/var/lib", s_prefix + "src");
        var pool = s_prefix + "src";
        var name = s_prefix + "guest";
        var disk = Path.Combine(local, name + ".qcow2");
        await using var hosts = await LibvirtHosts.StartAsync(DestinationHost);
        try
        {
            Directory.CreateDirectory(shared);
            File.SetUnixFileMode(shared, (UnixFileMode)0b111_101_101);
            Directory.CreateDirectory(local);
            File.SetUnixFileMode(local, (UnixFileMode)0b111_101_101);
            await TestGuestImages.CopyIntoAsync(shared, CancellationToken.None, TestGuestImages.Kernel, TestGuestImages.Initrd);
            File.Copy(Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk), disk);
            await using var stack = await WebVirtStack.StartAsync("qemu:///system", "offcopy");
            await using var destination = await EnrollableAgent.StartAsync(
                s_prefix + DestinationHost, LibvirtHosts.Uri(DestinationHost), new Dictionary<string, string> { ["MigrationListenAddress"] = "127.0.0.5" });
            string uuid;
            HostPages.CreatePool("qemu:///system", pool, local);
            using (var a = LibvirtConnection.Open("qemu:///system"))
            {
                var domain = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(name, shared));
                domain.Element("devices")!.AddFirst(XElement.Parse(
                    $"<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk>"));
                using var defined = a.DefineDomainXml(domain.ToString());
                uuid = defined.Uuid;
            }

            var (playwright, browser) = await DebianChromium.LaunchAsync();
            using (playwright)
            {
                var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                var page = await context.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(page, nameof(OfflineCopyMigrateTests), async () =>
                {
                    await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                    await HostPages.EnrolAsync(page, destination);
                });

                // The dialog in Chinese first: the same guest, nothing started.
                var chinese = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                await chinese.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = stack.WebUrl }]);
                var zh = await chinese.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(zh, nameof(OfflineCopyMigrateTests) + "-zh", async () =>
                {
                    await PageSteps.LoginAsync(zh, "admin", WebVirtStack.AdminPassword);
                    await zh.GotoAsync($"/guests/{stack.HostId}/{uuid}");
                    await zh.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
                    await Expect(zh.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"磁盘 vda 位于未标记为共享的存储池 {pool}：将被复制。", new() { Timeout = 30_000 });
                    await Expect(zh.GetByTestId("migrate-pool")).ToBeVisibleAsync();
                    await PageSteps.ScreenshotAsync(zh, "migrate-offline-copy-dialog-zh");
                    await zh.GetByTestId("migrate-close").ClickAsync();
                });

                // Each block closes its page's context at the end: a fresh one for the migration.
                var english = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "en-US", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
                page = await english.NewPageAsync();
                await PageSteps.WithFailureScreenshotAsync(page, nameof(OfflineCopyMigrateTests), async () =>
                {
                    await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                    await page.GotoAsync($"/guests/{stack.HostId}/{uuid}");
                    await page.GetByTestId("guest-migrate").ClickAsync(new() { Timeout = 30_000 });
                    await Expect(page.GetByTestId("migrate-disk-vda")).ToContainTextAsync($"Disk vda is on pool {pool}, not marked shared: it will be copied.", new() { Timeout = 30_000 });
                    await Expect(page.GetByTestId("migrate-pool")).ToBeVisibleAsync();
                    await PageSteps.ScreenshotAsync(page, "migrate-offline-copy-dialog");

                    var watch = Stopwatch.StartNew();
                    await page.GetByTestId("migrate-start").ClickAsync();
                    await Expect(page.GetByTestId("migrate-result")).ToContainTextAsync("now runs on", new() { Timeout = 120_000 });
                    await Expect(page.GetByTestId("migrate-problems")).ToHaveCountAsync(0);
                    output.WriteLine($"MIGRATION in the browser, offline, disk copied: {watch.Elapsed.TotalSeconds:F2} s from the click to the result on the page");
                    await PageSteps.ScreenshotAsync(page, "migrate-offline-copy-done");
                });
            }

            using (var o = LibvirtConnection.Open(LibvirtHosts.Uri(DestinationHost)))
            using (var moved = o.LookupDomainByName(name))
            {
                Assert.True(moved.IsPersistent());
                Assert.False(moved.IsActive());
                Assert.Contains($"file='{Path.Combine(LibvirtHosts.LocalDirectory, name + ".qcow2")}'", moved.GetXmlDesc(), StringComparison.Ordinal);
            }

            Assert.True(File.Exists(Path.Combine(LibvirtHosts.LocalDirectoryOf(DestinationHost), name + ".qcow2")), "the copy is not in the destination pool");
            using var system = LibvirtConnection.Open("qemu:///system");
            Assert.Equal(LibvirtErrorCodes.NoDomain, Assert.Throws<LibvirtException>(() => system.LookupDomainByName(name).Dispose()).Code);
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests("qemu:///system", prefix: s_prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks("qemu:///system", s_prefix);
            await hosts.DisposeAsync();
            foreach (var directory in new[] { shared, local })
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory, recursive: true);
                }
            }

            var copies = LibvirtHosts.LocalDirectoryOf(DestinationHost);
            foreach (var file in Directory.Exists(copies) ? Directory.EnumerateFiles(copies, s_prefix + "*") : [])
            {
                File.Delete(file);
            }
        }
    }
}
