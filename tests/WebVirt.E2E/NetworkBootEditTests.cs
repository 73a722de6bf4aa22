using System.Net.NetworkInformation;
using System.Net.Sockets;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>Network boot set on an existing, running network from the Networks page: saved in its definition and shown as waiting for the next start.</summary>
[Collection(E2ECollection.Name)]
public sealed class NetworkBootEditTests(E2EFixture fixture)
{
    [Fact]
    public async Task Boot_set_on_a_running_network_is_shown_as_applying_at_its_next_start()
    {
        string network = TestRun.GuestName("netboot-edit");
        int octet = FreeOctet();
        string folder = TestGuestImages.CreateRunDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder, "boot.ipxe"), "#!ipxe\n");
        File.SetUnixFileMode(Path.Combine(folder, "boot.ipxe"), (UnixFileMode)Convert.ToInt32("644", 8));
        using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
        using (var defined = connection.DefineNetworkXml(
            $"<network><name>{network}</name><ip address='10.214.{octet}.1' prefix='24'><dhcp><range start='10.214.{octet}.100' end='10.214.{octet}.150'/></dhcp></ip></network>"))
        {
            defined.Create();
        }

        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(Boot_set_on_a_running_network_is_shown_as_applying_at_its_next_start), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/networks");
                await page.GetByTestId($"network-row-{network}").ClickAsync(new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("network-boot-current")).ToContainTextAsync("Off", new() { Timeout = 30_000 });
                await page.GetByTestId("network-edit-boot").GetByText("Network boot (PXE)", new() { Exact = true }).ClickAsync();
                await PageSteps.Field(page, "network-edit-tftp-root", "input").FillAsync(folder);
                await PageSteps.Field(page, "network-edit-boot-file", "input").FillAsync("boot.ipxe");
                await page.GetByTestId("network-boot-save").ClickAsync();

                await Expect(page.GetByTestId("network-boot-pending")).ToContainTextAsync("apply at its next start", new() { Timeout = 30_000 });
                await Expect(page.GetByTestId("network-boot-current")).ToContainTextAsync($"TFTP folder {folder} · boot file boot.ipxe", new() { Timeout = 30_000 });
                await PageSteps.ScreenshotAsync(page, "networks-boot-existing");
            });
        }
        finally
        {
            await page.Context.CloseAsync();
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, network);
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int FreeOctet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => a.Address.ToString()).ToList();
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        used.AddRange(connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }));
        return Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next())
            .First(octet => !used.Any(text => text.Contains($"10.214.{octet}.", StringComparison.Ordinal)));
    }
}
