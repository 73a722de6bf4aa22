using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// Network installs through the agent on the real qemu:///system: the agent finds the tree's
/// installer kernel and initrd on a loopback mirror, boots them, and makes the guest boot its disk
/// afterwards. The test guest's kernel stands in for an installer.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ProvisioningCollection.Name)]
public sealed class NetworkInstallQemuTests(ProvisioningFixture fixture)
{
    /// <summary>Three ticks of the agent's install-restart watcher (every 2 s): long enough for it to have acted.</summary>
    private static readonly TimeSpan InstallWatcherTicks = TimeSpan.FromSeconds(6);

    private HubConnection Hub => fixture.Hub;

    [Fact]
    public async Task A_tree_with_a_treeinfo_boots_its_installer_then_the_guest_restarts_from_its_disk()
    {
        await using var mirror = new InstallTreeServer(InstallTreeServer.TestGuestTree("fedora/"));
        string name = ProvisioningFixture.Prefix + "netinst";
        string tree = mirror.Url("fedora/");

        var task = await CreateAsync(Spec(name, tree));

        Assert.True(task.State == AgentTaskState.Succeeded, string.Join(" | ", task.Log));
        Assert.Contains("fedora/images/pxeboot/initrd.img", mirror.Requests);
        using var connection = LibvirtConnection.Open(ProvisioningFixture.Uri);
        using var domain = connection.LookupDomainByName(name);
        Assert.Equal(task.TargetUuid, domain.Uuid);
        XElement live = XDocument.Parse(domain.GetXmlDesc()).Root!;
        Assert.Equal($"inst.repo={tree} {TestGuestDomainXml.KernelCommandLine}", live.Element("os")!.Element("cmdline")!.Value);
        Assert.Equal("destroy", live.Element("on_reboot")!.Value);
        string kernelPath = live.Element("os")!.Element("kernel")!.Value;
        Assert.False(File.Exists(kernelPath), "the downloaded kernel is removed once the guest runs");

        XElement persistent = XDocument.Parse(domain.GetXmlDesc(inactive: true)).Root!;
        Assert.Null(persistent.Element("os")!.Element("kernel"));
        Assert.Equal("restart", persistent.Element("on_reboot")!.Value);

        await GuestConsole.WaitForBannerAsync(domain);

        // The "installer" powers off (as an installer reboots); the agent starts the guest again from its definition without the kernel.
        domain.Shutdown();
        var deadline = DateTime.UtcNow + ProvisioningFixture.Wait;
        while (XDocument.Parse(domain.GetXmlDesc()).Root!.Element("os")!.Element("kernel") is not null || !domain.IsActive())
        {
            Assert.True(DateTime.UtcNow < deadline, "the guest was not started again from its disk after the installer stopped");
            await Task.Delay(500);
        }

        Assert.Equal("restart", XDocument.Parse(domain.GetXmlDesc()).Root!.Element("on_reboot")!.Value);
        domain.Destroy();
    }

    [Fact]
    public async Task A_mirror_root_is_accepted_for_an_os_whose_tree_layout_osinfo_knows()
    {
        // A Debian mirror as it is laid out: the installer tree for Debian 11 sits under dists/bullseye/main/installer-amd64/.
        const string Netboot = "debian/dists/bullseye/main/installer-amd64/current/images/netboot/debian-installer/amd64/";
        await using var mirror = new InstallTreeServer(new()
        {
            [Netboot + "linux"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Kernel)),
            [Netboot + "initrd.gz"] = () => File.OpenRead(Path.Combine(TestGuestImages.OutputDirectory, TestGuestImages.Initrd)),
        });
        string name = ProvisioningFixture.Prefix + "netinst-mirror";

        var root = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Spec(name, mirror.Url("debian/")) with { OsVariant = "debian11" });
        var tree = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Spec(name, mirror.Url("debian/dists/bullseye/main/installer-amd64/")) with { OsVariant = "debian11" });
        var rootWithoutOs = await Hub.InvokeAsync<GuestPreview>(nameof(IAgentHub.PreviewGuest), Spec(name, mirror.Url("debian/")));

        Assert.True(root.Problems.Count == 0, string.Join(" | ", root.Problems.Select(p => p.ToString())));
        Assert.Contains(Netboot + "initrd.gz", mirror.Requests);
        Assert.True(tree.Problems.Count == 0, string.Join(" | ", tree.Problems.Select(p => p.ToString())));
        // Without an OS the layout under the root is unknown: the refusal lists where it looked.
        Assert.Equal("InstallTree.NoKernel", Assert.Single(rootWithoutOs.Problems).Key);
        Assert.False(ProvisioningFixture.DomainExists(name));
    }

    [Fact]
    public async Task A_tree_without_an_installer_is_refused_at_the_url_and_nothing_is_created()
    {
        await using var mirror = new InstallTreeServer(new() { ["empty/README"] = () => new MemoryStream("nothing here"u8.ToArray()) });
        string name = ProvisioningFixture.Prefix + "netinst-empty";

        var result = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), Spec(name, mirror.Url("empty/")));

        Assert.False(result.Ok);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("Source.Url", problem.Field);
        Assert.Equal("InstallTree.NoKernel", problem.Key);
        Assert.Contains("images/pxeboot/vmlinuz", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("empty/.treeinfo", mirror.Requests);
        Assert.False(ProvisioningFixture.DomainExists(name));
    }

    [Fact]
    public async Task An_unreachable_tree_and_an_nfs_tree_are_refused_with_their_reason()
    {
        string name = ProvisioningFixture.Prefix + "netinst-down";

        var down = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), Spec(name, $"http://127.0.0.1:{FreePort.Next()}/tree/"));
        var nfs = await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), Spec(name, "nfs://127.0.0.1/export/tree"));

        Assert.Equal("InstallTree.Unreadable", Assert.Single(down.Problems).Key);
        Assert.Equal("InstallTree.NfsNotFetched", Assert.Single(nfs.Problems).Key);
        Assert.False(ProvisioningFixture.DomainExists(name));
    }

    [Fact]
    public async Task Force_stopping_or_deleting_a_guest_during_its_install_stops_the_restart_and_leaves_nothing_of_it()
    {
        await using var mirror = new InstallTreeServer(InstallTreeServer.TestGuestTree("fedora/"));
        string stopped = ProvisioningFixture.Prefix + "netinst-off";
        string deleted = ProvisioningFixture.Prefix + "netinst-del";
        var off = await CreateAsync(Spec(stopped, mirror.Url("fedora/")));
        Assert.True(off.State == AgentTaskState.Succeeded, string.Join(" | ", off.Log));

        // Forced off by its user, the installer stays off: nothing starts it again behind the user's back.
        Assert.True((await Hub.ActAsync(off.TargetUuid!, GuestAction.ForceOff)).Ok);
        await Task.Delay(InstallWatcherTicks);
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var domain = connection.LookupDomainByName(stopped))
        {
            Assert.False(domain.IsActive(), "the guest was started again after it was forced off");
        }

        var spec = Spec(deleted, mirror.Url("fedora/")) with { Disk = GuestDiskKind.NewVolume, DiskPool = fixture.PoolName, DiskSizeGiB = 1 };
        var installing = await CreateAsync(spec);
        Assert.True(installing.State == AgentTaskState.Succeeded, string.Join(" | ", installing.Log));
        Assert.Contains(deleted + ".qcow2", fixture.PoolVolumeNames());

        var removed = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(installing.TargetUuid!, deleted, DeleteDisks: true, "test-user")));
        Assert.True(removed.State == AgentTaskState.Succeeded, string.Join(" | ", removed.Log));
        await Task.Delay(InstallWatcherTicks);
        Assert.False(ProvisioningFixture.DomainExists(deleted), "the deleted guest runs again as a transient guest");
        Assert.DoesNotContain(deleted + ".qcow2", fixture.PoolVolumeNames());
    }

    private GuestSpecDto Spec(string name, string tree) => new()
    {
        Name = name,
        Source = GuestSourceKind.NetworkInstall,
        InstallUrl = tree,
        KernelArgs = TestGuestDomainXml.KernelCommandLine,
        VCpus = 1,
        MemoryMiB = 256,
        Disk = GuestDiskKind.None,
        Network = GuestNetworkKind.None,
        RequestedBy = "test-user",
    };

    private async Task<AgentTaskInfo> CreateAsync(GuestSpecDto spec) =>
        await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec));
}
