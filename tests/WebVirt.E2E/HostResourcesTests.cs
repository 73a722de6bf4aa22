using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Playwright;
using WebVirt.E2E.Infrastructure;
using WebVirt.Testing;
using static Microsoft.Playwright.Assertions;

namespace WebVirt.E2E;

/// <summary>The storage and networks pages in a real browser against the real qemu:///system.</summary>
[Collection(E2ECollection.Name)]
public sealed class HostResourcesTests(E2EFixture fixture)
{
    private static readonly LocatorAssertionsToBeVisibleOptions Visible = new() { Timeout = 30_000 };
    private static readonly LocatorAssertionsToContainTextOptions Contains = new() { Timeout = 30_000 };

    [Fact]
    public async Task An_administrator_creates_a_pool_and_a_volume_after_a_refused_path()
    {
        string pool = TestRun.GuestName("e2e-pool");
        string root = Path.Combine(Path.GetTempPath(), $"webvirt-test-{TestRun.Id}-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        File.SetUnixFileMode(root, (UnixFileMode)Convert.ToInt32("755", 8));
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(An_administrator_creates_a_pool_and_a_volume_after_a_refused_path), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/storage");
                await Expect(page.GetByTestId("pools-table")).ToBeVisibleAsync(Visible);

                await page.GetByTestId("pool-new-panel").ClickAsync();
                await page.GetByTestId("pool-new-name").FillAsync(pool);
                await page.GetByTestId("pool-new-path").FillAsync("relative/path");
                await page.GetByTestId("pool-new-submit").ClickAsync();
                await Expect(page.GetByTestId("pool-new-error")).ToContainTextAsync("absolute", Contains);
                await PageSteps.ScreenshotAsync(page, "storage-pool-refused");

                await page.GetByTestId("pool-new-path").FillAsync(Path.Combine(root, "pool"));
                await page.GetByTestId("pool-new-submit").ClickAsync();
                await Expect(page.GetByTestId($"pool-row-{pool}")).ToBeVisibleAsync(Visible);

                await page.GetByTestId($"pool-row-{pool}").ClickAsync();
                await Expect(page.GetByTestId("volumes-title")).ToContainTextAsync(pool, Contains);
                await page.GetByTestId("volume-new-name").FillAsync("disk.qcow2");
                await page.GetByTestId("volume-new-size").FillAsync("2");
                await page.GetByTestId("volume-new-submit").ClickAsync();
                await Expect(page.GetByTestId("volume-row-disk.qcow2")).ToBeVisibleAsync(Visible);
                await PageSteps.ScreenshotAsync(page, "storage-pool-and-volume");
            });
        }
        finally
        {
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, pool);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task An_administrator_creates_a_network_and_an_overlapping_one_is_refused_by_name()
    {
        string network = TestRun.GuestName("e2e-net");
        string other = TestRun.GuestName("e2e-net2");
        int octet = FreeOctet();
        var page = await PageSteps.NewPageAsync(fixture);
        try
        {
            await PageSteps.WithFailureScreenshotAsync(page, nameof(An_administrator_creates_a_network_and_an_overlapping_one_is_refused_by_name), async () =>
            {
                await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
                await page.GotoAsync("/networks");
                await Expect(page.GetByTestId("networks-table")).ToBeVisibleAsync(Visible);

                await page.GetByTestId("network-new-panel").ClickAsync();
                await page.GetByTestId("network-new-name").FillAsync(network);
                await page.GetByTestId("network-new-ipv4").FillAsync($"10.254.{octet}.0/24");
                await page.GetByTestId("network-new-submit").ClickAsync();
                await Expect(page.GetByTestId($"network-row-{network}")).ToBeVisibleAsync(Visible);

                await page.GetByTestId("network-new-name").FillAsync(other);
                await page.GetByTestId("network-new-ipv4").FillAsync($"10.254.{octet}.0/25");
                await page.GetByTestId("network-new-submit").ClickAsync();
                await Expect(page.GetByTestId("network-new-error")).ToContainTextAsync(network, Contains);
                await Expect(page.GetByTestId($"network-row-{other}")).ToHaveCountAsync(0);
                await PageSteps.ScreenshotAsync(page, "networks-overlap-refused");

                await page.GetByTestId($"network-row-{network}").ClickAsync();
                await page.GetByTestId("static-host-mac").FillAsync("52:54:00:aa:00:01");
                await page.GetByTestId("static-host-ip").FillAsync($"10.254.{octet}.20");
                await page.GetByTestId("static-host-add").ClickAsync();
                await Expect(page.GetByTestId("network-static-hosts")).ToContainTextAsync("52:54:00:aa:00:01", Contains);
                await PageSteps.ScreenshotAsync(page, "networks-static-host");
            });
        }
        finally
        {
            // Its own two networks only ("network" is the start of "other"'s name): the tests beside hold theirs.
            TestResourceCleaner.RemoveRunPoolsAndNetworks(E2EFixture.LibvirtUri, network);
        }
    }

    [Fact]
    public async Task The_storage_and_networks_pages_speak_simplified_chinese()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_storage_and_networks_pages_speak_simplified_chinese), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GetByTestId("language-menu").ClickAsync();
            await page.GetByTestId("language-zh-Hans").ClickAsync();
            await Expect(page.Locator("body")).ToContainTextAsync("虚拟机", Contains);
            await page.GotoAsync("/storage");
            await Expect(page.GetByTestId("pools-table")).ToBeVisibleAsync(Visible);
            await Expect(page.Locator("body")).ToContainTextAsync("新建存储池", Contains);
            await PageSteps.ScreenshotAsync(page, "storage-zh-Hans");
            await page.GotoAsync("/networks");
            await Expect(page.Locator("body")).ToContainTextAsync("新建虚拟网络", Contains);
            await PageSteps.ScreenshotAsync(page, "networks-zh-Hans");
        });
    }

    [Fact]
    public async Task The_host_page_shows_the_checks_interfaces_and_live_cpu()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_host_page_shows_the_checks_interfaces_and_live_cpu), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GotoAsync($"/hosts/{fixture.Stack.HostId}");
            await Expect(page.GetByTestId("check-Libvirt")).ToBeVisibleAsync(Visible);
            await Expect(page.GetByTestId("host-interfaces")).ToContainTextAsync("127.0.0.1/8", Contains);
            await Expect(page.GetByTestId("host-machines")).ToContainTextAsync("q35", Contains);
            // The processor's name (not the architecture) and the hypervisor named once, with libvirt's version encoding decoded.
            string processor = File.ReadLines("/proc/cpuinfo").First(l => l.StartsWith("model name", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
            await Expect(page.GetByTestId("host-cpu-model")).ToHaveTextAsync($"CPU model: {processor}", new() { Timeout = 30_000 });
            ulong version;
            using (var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri))
            {
                version = connection.GetHypervisorVersion();
            }

            await Expect(page.GetByTestId("host-versions")).ToContainTextAsync($", QEMU {version / 1_000_000}.{version / 1_000 % 1_000}.{version % 1_000}", Contains);
            Assert.DoesNotContain("QEMU QEMU", await page.GetByTestId("host-versions").TextContentAsync(), StringComparison.Ordinal);
            await Expect(page.GetByTestId("host-libvirt-cpu-model")).ToBeVisibleAsync(Visible);
            // CPU load needs two samples of the node's counters, a few seconds apart.
            await Expect(page.GetByTestId("host-cpu")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"CPU: \d+ %"), Contains);
            await PageSteps.ScreenshotAsync(page, "host-page");
        });
    }

    [Fact]
    public async Task The_host_page_in_chinese_words_the_agents_checks_and_interface_states()
    {
        var page = await PageSteps.NewPageAsync(fixture);
        await PageSteps.WithFailureScreenshotAsync(page, nameof(The_host_page_in_chinese_words_the_agents_checks_and_interface_states), async () =>
        {
            await PageSteps.LoginAsync(page, "admin", WebVirtStack.AdminPassword);
            await page.GetByTestId("language-menu").ClickAsync();
            await page.GetByTestId("language-zh-Hans").ClickAsync();
            await Expect(page.Locator("body")).ToContainTextAsync("虚拟机", new() { Timeout = 15_000 });
            await page.GotoAsync($"/hosts/{fixture.Stack.HostId}");
            await Expect(page.GetByTestId("host-interfaces")).ToContainTextAsync("127.0.0.1/8", Contains);

            // lo's kernel operstate is "unknown"; /dev/kvm's check names QEMU's user in a Chinese sentence.
            string state = File.ReadAllText("/sys/class/net/lo/operstate").Trim();
            string expected = state switch { "up" => "已启用", "down" => "已停用", _ => "未知" };
            await Expect(page.GetByTestId("host-interface-state-lo")).ToHaveTextAsync(expected, new() { Timeout = 30_000 });
            string check = await page.GetByTestId("check-DevKvm").TextContentAsync() ?? "";
            Assert.True(check.Contains("不存在", StringComparison.Ordinal) || check.Contains("QEMU 以", StringComparison.Ordinal), check);
            Assert.DoesNotContain("does not exist", check, StringComparison.Ordinal);
            Assert.DoesNotContain("runs as", check, StringComparison.Ordinal);
            await PageSteps.ScreenshotAsync(page, "host-page-zh-Hans");
        });
    }

    /// <summary>A 10.254.N.0/24 no host address and no libvirt network uses.</summary>
    private static int FreeOctet()
    {
        var used = NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Select(a => a.Address.ToString()).ToList();
        using var connection = LibvirtConnection.Open(E2EFixture.LibvirtUri);
        used.AddRange(connection.ListAllNetworks().Select(n => { using (n) { return n.GetXmlDesc(); } }));
        return Enumerable.Range(2, 249).OrderBy(_ => Random.Shared.Next())
            .First(octet => !used.Any(text => text.Contains($"10.254.{octet}.", StringComparison.Ordinal)));
    }
}
