using System.Diagnostics;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// "Download image" on the Storage page through the real web and agent processes: a qcow2 cloud
/// image from a loopback server, checked against a pasted SHA-256 sum, lands in the pool as a
/// .qcow2 volume; the dialog also speaks Chinese and names a bad sum there.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class ImageDownloadTests(E2EFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_cloud_image_with_a_pasted_sum_is_downloaded_into_the_pool()
    {
        string pool = TestRun.GuestName("e2e-download");
        string root = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-download-{Guid.NewGuid():N}");
        string poolDirectory = Path.Combine(root, "pool");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        byte[] image = await QemuImgAsync(Path.Combine(root, "image.qcow2"));
        string sum = Convert.ToHexStringLower(SHA256.HashData(image));
        DefinePool(pool, poolDirectory);
        await using var mirror = new InstallTreeServer(new() { ["images/tiny-cloud.img"] = () => new MemoryStream(image) });
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_cloud_image_with_a_pasted_sum_is_downloaded_into_the_pool), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await OpenDialogAsync(page, pool, openPoolFirst: true);
                await PageSteps.Field(page, "download-url", "input").FillAsync(mirror.Url("images/tiny-cloud.img"));
                await Expect(PageSteps.Field(page, "download-name", "input")).ToHaveValueAsync("tiny-cloud.img");
                await PageSteps.Field(page, "download-checksum-Pasted", "input").CheckAsync(new() { Force = true });
                await PageSteps.Field(page, "download-checksum", "input").FillAsync("sha256:" + sum);
                await PageSteps.ScreenshotAsync(page, "storage-download-dialog");
                await page.GetByTestId("download-start").ClickAsync();

                await Expect(page.GetByTestId("download-result")).ToHaveTextAsync("Downloaded tiny-cloud.qcow2.", new() { Timeout = 60_000 });
                await PageSteps.ScreenshotAsync(page, "storage-download-finished");
                await page.GetByTestId("download-close").ClickAsync();
                // The pool was open before the download: its list shows the new volume without being opened again.
                await Expect(page.GetByTestId("volume-row-tiny-cloud.qcow2")).ToBeVisibleAsync(Visible);
                byte[] stored = await File.ReadAllBytesAsync(Path.Combine(poolDirectory, "tiny-cloud.qcow2"));
                Assert.Equal(sum, Convert.ToHexStringLower(SHA256.HashData(stored.AsSpan(0, image.Length))));
            });

            var chinese = await PageSteps.NewPageAsync(fixture, "zh-CN");
            await chinese.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=zh-Hans|uic=zh-Hans", Url = fixture.Stack.WebUrl }]);
            await PageSteps.WithFailureScreenshotAsync(chinese, "ImageDownloadChinese", async () =>
            {
                await PageSteps.LoginAsync(chinese, "admin", WebVirtStack.AdminPassword);
                await OpenDialogAsync(chinese, pool);
                await Expect(chinese.Locator(".mud-dialog")).ToContainTextAsync("下载镜像到 " + pool);
                await PageSteps.Field(chinese, "download-url", "input").FillAsync(mirror.Url("images/tiny-cloud.img"));
                await PageSteps.Field(chinese, "download-checksum-Pasted", "input").CheckAsync(new() { Force = true });
                await PageSteps.Field(chinese, "download-checksum", "input").FillAsync("12345");
                await chinese.GetByTestId("download-start").ClickAsync();
                await Expect(chinese.GetByTestId("download-problems")).ToContainTextAsync("校验和为 64 位（SHA-256）或 128 位（SHA-512）十六进制数字");
                await PageSteps.ScreenshotAsync(chinese, "storage-download-dialog-zh");
            });
            await chinese.Context.CloseAsync();
        }
        finally
        {
            await page.Context.CloseAsync();
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, pool);
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task OpenDialogAsync(IPage page, string pool, bool openPoolFirst = false)
    {
        await page.GotoAsync("/storage");
        if (openPoolFirst)
        {
            await page.GetByTestId($"pool-row-{pool}").ClickAsync();
            await Expect(page.GetByTestId("volumes-title")).ToBeVisibleAsync(Visible);
        }

        await page.GetByTestId($"pool-menu-{pool}").ClickAsync();
        await page.GetByTestId($"pool-download-{pool}").ClickAsync();
        await Expect(page.GetByTestId("download-dialog")).ToBeVisibleAsync(Visible);
    }

    private static void DefinePool(string name, string directory)
    {
        var xml = new XElement("pool", new XAttribute("type", "dir"), new XElement("name", name), new XElement("target", new XElement("path", directory)));
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        using var pool = connection.DefineStoragePoolXml(xml.ToString());
        pool.Build();
        pool.Create();
    }

    private static async Task<byte[]> QemuImgAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("qemu-img", ["create", "-q", "-f", "qcow2", path, "16M"]) { RedirectStandardError = true })!;
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return await File.ReadAllBytesAsync(path);
    }
}
