using System.Diagnostics;
using System.Xml.Linq;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// "New guest from template" with a cloud template in a real browser: the dialog asks only the name,
/// the disk size and the SSH keys (prefilled with the template's), refuses a bad key at its field
/// (in Chinese), and the new guest boots with its own seed: its name as host
/// name and the new key, printed on its serial console.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class CloudTemplateWizardTests(E2EFixture fixture, ITestOutputHelper output)
{
    private const string TemplateKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJmF3Q4dHOs3TPVGPJEj+Egt9R0xgOnxGGrD54sUSYTp alice@example";
    private const string NewKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDveO6iUht4ncnfo5aBsRS2K+Pa32uwq+NXJj2A2xT1R bob@clone";
    private static readonly string Prefix = TestRun.GuestName("cloudtpl-");

    [Fact]
    public async Task A_guest_from_a_cloud_template_asks_name_size_and_keys_and_boots_with_its_own_host_name()
    {
        string template = Prefix + "tpl";
        string guest = Prefix + "web";
        string pool = Prefix + "pool";
        string runDirectory = TestGuestImages.CreateRunDirectory();
        string poolPath = Path.Combine(runDirectory, "cloud-template-pool");
        Directory.CreateDirectory(poolPath);
        File.SetUnixFileMode(poolPath, (UnixFileMode)0b111_101_101);
        await TestGuestImages.CopyIntoAsync(poolPath, CancellationToken.None, TestGuestImages.Disk);
        string disk = Path.Combine(poolPath, template + ".qcow2");
        File.Move(Path.Combine(poolPath, TestGuestImages.Disk), disk);
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        {
            using (connection.CreateStoragePoolXml($"<pool type='dir'><name>{pool}</name><target><path>{poolPath}</path></target></pool>"))
            {
            }

            using (connection.DefineDomainXml(CloudTemplateXml(template, runDirectory, disk)))
            {
            }
        }

        try
        {
            await RefusesABadKeyAsync("zh-CN", template, "第 1 行的 SSH 公钥");
            var page = await PageSteps.NewPageAsync(fixture);
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_guest_from_a_cloud_template_asks_name_size_and_keys_and_boots_with_its_own_host_name), async () =>
            {
                await OpenDialogAsync(page, template);
                await Expect(PageSteps.Field(page, "clone-disk-size", "input")).ToHaveValueAsync("1");
                await Expect(PageSteps.Field(page, "clone-ssh-keys", "textarea")).ToHaveValueAsync(TemplateKey);
                await Expect(page.GetByTestId("clone-cloud")).ToContainTextAsync("alice");
                await PageSteps.Field(page, "clone-name", "input").FillAsync(guest);
                await PageSteps.Field(page, "clone-disk-size", "input").FillAsync("2");
                await PageSteps.Field(page, "clone-ssh-keys", "textarea").FillAsync(NewKey);
                await PageSteps.Field(page, "clone-start", "input").CheckAsync(new() { Force = true });
                await PageSteps.ScreenshotAsync(page, "cloud-template-dialog-en-US");

                var clock = Stopwatch.StartNew();
                await page.GetByTestId("clone-ok").ClickAsync();
                await Expect(page.GetByTestId("clone-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
                await BannerSteps.WaitForRunningAsync(guest, TimeSpan.FromSeconds(180));
                using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
                using var domain = connection.LookupDomainByName(guest);
                string console = await CloudSeedConsole.ReadAsync(domain, TimeSpan.FromSeconds(300));
                output.WriteLine($"click to host name on serial, guest from a cloud template: {clock.Elapsed.TotalSeconds:F1} s");
                Assert.Contains("local-hostname: " + guest, console, StringComparison.Ordinal);
                Assert.Contains("instance-id: " + domain.Uuid, console, StringComparison.Ordinal);
                Assert.Contains("- name: alice", console, StringComparison.Ordinal);
                Assert.Contains(NewKey, console, StringComparison.Ordinal);
                Assert.DoesNotContain(TemplateKey, console, StringComparison.Ordinal);
                using var volume = connection.LookupStorageVolumeByPath(Path.Combine(poolPath, guest + ".qcow2"));
                Assert.Equal(2UL << 30, volume.GetInfo().CapacityBytes);
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, Prefix);
            if (Directory.Exists(poolPath))
            {
                Directory.Delete(poolPath, recursive: true);
            }
        }
    }

    private async Task RefusesABadKeyAsync(string locale, string template, string keyRefusal)
    {
        var page = await PageSteps.NewPageAsync(fixture, locale);
        await PageSteps.WithFailureScreenshotAsync(page, "cloud-template-refused-" + locale, async () =>
        {
            await OpenDialogAsync(page, template);
            await PageSteps.Field(page, "clone-name", "input").FillAsync(Prefix + "never");
            await PageSteps.Field(page, "clone-ssh-keys", "textarea").FillAsync("ssh-ed25519 AAAAnot-a-key me");
            await page.GetByTestId("clone-ok").ClickAsync();
            var errors = page.GetByTestId("clone-dialog").Locator(".mud-input-helper-text.mud-input-error");
            await Expect(errors.Filter(new() { HasText = keyRefusal })).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await PageSteps.ScreenshotAsync(page, "cloud-template-dialog-refused-" + locale);
        });
    }

    private async Task OpenDialogAsync(Microsoft.Playwright.IPage page, string template)
    {
        await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
        await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);
        await page.GotoAsync("/guests/new");
        await PageSteps.ChooseAsync(page, "wizard-template", template);
        await page.GetByTestId("wizard-clone-template").ClickAsync();
        await Expect(page.GetByTestId("clone-ssh-keys")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>
    /// A template as WebVirt leaves a cloud guest after its first boot: the test guest's disk, no seed
    /// drive, and the cloud-init defaults in its metadata (as the agent's create writes them).
    /// </summary>
    private static string CloudTemplateXml(string name, string runDirectory, string disk)
    {
        var domain = XElement.Parse(TestGuestDomainXml.CdromBoot(name, runDirectory));
        domain.Element("os")!.Element("boot")!.SetAttributeValue("dev", "hd");
        domain.Element("devices")!.Elements("disk").Remove();
        domain.Element("devices")!.AddFirst(new XElement(
            "disk",
            new XAttribute("type", "file"),
            new XAttribute("device", "disk"),
            new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
            new XElement("source", new XAttribute("file", disk)),
            new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
        XNamespace ns = "https://webvirt.dev/xmlns/guest/1.0";
        domain.Element("name")!.AddAfterSelf(new XElement(
            "metadata",
            new XElement(
                ns + "guest",
                new XAttribute(XNamespace.Xmlns + "webvirt", ns.NamespaceName),
                new XElement(ns + "source", new XAttribute("kind", "cloud-image")),
                new XElement(ns + "created", new XAttribute("at", "2026-12-01T08:00:00.0000000+00:00"), new XAttribute("by", "admin")),
                new XElement(ns + "template", "true"),
                new XElement(ns + "cloud-init", new XElement(ns + "user", new XAttribute("name", "alice")), new XElement(ns + "ssh-key", TemplateKey)))));
        return domain.ToString();
    }
}
