using System.Net.NetworkInformation;
using System.Net.Sockets;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>
/// PXE end to end: an isolated network created on the Networks page with its network boot section
/// serving a folder of the test guest's kernel, initrd and an iPXE script; a wizard guest without a
/// disk on it boots from the network (QEMU's iPXE ROM: DHCP, TFTP from libvirt's own dnsmasq) to the
/// banner on its serial console in the browser.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed class PxeWizardBootTests(E2EFixture fixture, ITestOutputHelper output)
{
    private const string BootFile = "boot.ipxe";
    private static readonly string Prefix = TestRun.GuestName("pxe-");

    [Fact]
    public async Task A_pxe_guest_boots_from_the_networks_tftp_folder_to_the_banner()
    {
        string network = Prefix + "net";
        string guest = Prefix + "vm";
        int octet = FreeOctet();
        string folder = await CreateBootFolderAsync();
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(A_pxe_guest_boots_from_the_networks_tftp_folder_to_the_banner), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await PageSteps.EnsureHostEmulationAsync(page, fixture.Stack.HostId);

                await page.GotoAsync("/networks");
                await Expect(page.GetByTestId("networks-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("network-new-panel").ClickAsync();
                await PageSteps.Field(page, "network-new-name", "input").FillAsync(network);
                await PageSteps.ChooseAsync(page, "network-new-mode", "Isolated");
                await PageSteps.Field(page, "network-new-ipv4", "input").FillAsync($"10.213.{octet}.0/24");
                await PageSteps.Field(page, "network-new-dhcp-start", "input").FillAsync($"10.213.{octet}.100");
                await PageSteps.Field(page, "network-new-dhcp-end", "input").FillAsync($"10.213.{octet}.150");
                await page.GetByTestId("network-new-boot").GetByText("Network boot (PXE)", new() { Exact = true }).ClickAsync();
                await Expect(PageSteps.Field(page, "network-new-boot-enable", "input")).ToBeCheckedAsync(new() { Timeout = 10_000 });

                // A boot file outside the folder is refused in the user's words, and nothing is defined.
                await PageSteps.Field(page, "network-new-tftp-root", "input").FillAsync(folder);
                await PageSteps.Field(page, "network-new-boot-file", "input").FillAsync("../" + BootFile);
                await page.GetByTestId("network-new-submit").ClickAsync();
                await Expect(page.GetByTestId("network-new-error")).ToContainTextAsync("plain relative file name", new() { Timeout = 30_000 });
                await Expect(page.GetByTestId($"network-row-{network}")).ToHaveCountAsync(0);

                await PageSteps.Field(page, "network-new-boot-file", "input").FillAsync(BootFile);
                await PageSteps.ScreenshotAsync(page, "networks-pxe-section");
                await page.GetByTestId("network-new-submit").ClickAsync();
                await Expect(page.GetByTestId($"network-row-{network}")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                string dnsmasq = await File.ReadAllTextAsync($"/var/lib/libvirt/dnsmasq/{network}.conf");
                Assert.Contains("enable-tftp", dnsmasq, StringComparison.Ordinal);
                Assert.Contains($"tftp-root={folder}", dnsmasq, StringComparison.Ordinal);
                Assert.Contains($"dhcp-boot={BootFile}", dnsmasq, StringComparison.Ordinal);

                await page.GotoAsync("/guests/new");
                await Expect(page.GetByTestId("wizard-emulation")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("source-pxe").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(PageSteps.Field(page, "wizard-os", "input")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                await PageSteps.Field(page, "wizard-name", "input").FillAsync(guest);
                await PageSteps.Field(page, "wizard-memory", "input").FillAsync("256");
                await page.GetByTestId("disk-none").ClickAsync();
                await page.GetByTestId("wizard-next").ClickAsync();

                await page.GetByTestId("net-libvirt").ClickAsync();
                await PageSteps.ChooseAsync(page, "wizard-network", network);
                await page.GetByTestId("wizard-next").ClickAsync();
                await Expect(page.GetByTestId("wizard-machine")).ToBeVisibleAsync(new() { Timeout = 30_000 });
                await page.GetByTestId("wizard-next").ClickAsync();

                var xml = PageSteps.Field(page, "wizard-xml", "textarea");
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("<boot dev=\"network\" />"), new() { Timeout = 30_000 });
                await Expect(xml).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"<source network=\"{network}\""));
                await PageSteps.ScreenshotAsync(page, "pxe-6-summary");

                TimeSpan toBanner = await BannerSteps.CreateAndWatchBannerAsync(page, fixture.Stack.HostId, guest, TimeSpan.FromMinutes(6));
                output.WriteLine($"click to banner, PXE (iPXE, TFTP from libvirt's dnsmasq): {toBanner.TotalSeconds:F1} s");
                await PageSteps.ScreenshotAsync(page, "pxe-7-banner");
            });
        }
        finally
        {
            TestGuestCleaner.RemoveRunGuests(E2EFixture.LibvirtUri, prefix: Prefix);
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, Prefix);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// A folder any user can read (libvirt's dnsmasq serves TFTP as libvirt-dnsmasq or nobody) with
    /// the test guest's kernel and initrd and the iPXE script that boots them from the server DHCP named.
    /// </summary>
    private static async Task<string> CreateBootFolderAsync()
    {
        string folder = Path.Combine("/tmp", $"{Prefix}tftp-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        string images = await TestGuestImages.EnsureBuiltAsync();
        foreach (var (from, to) in new[] { (TestGuestImages.Kernel, "vmlinuz"), (TestGuestImages.Initrd, "initrd.img") })
        {
            File.Copy(Path.Combine(images, from), Path.Combine(folder, to));
        }

        await File.WriteAllTextAsync(Path.Combine(folder, BootFile), $"""
            #!ipxe
            kernel tftp://${"{"}next-server{"}"}/vmlinuz {TestGuestDomainXml.KernelCommandLine}
            initrd tftp://${"{"}next-server{"}"}/initrd.img
            boot

            """);
        foreach (string file in Directory.EnumerateFiles(folder))
        {
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        }

        return folder;
    }

    private static int FreeOctet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => a.Address.ToString()).ToList();
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        used.AddRange(connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }));
        return Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next())
            .First(octet => !used.Any(text => text.Contains($"10.213.{octet}.", StringComparison.Ordinal)));
    }
}
