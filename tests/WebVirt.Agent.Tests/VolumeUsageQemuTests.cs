using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests;

/// <summary>
/// A volume that a guest reaches through a backing file (a linked clone's base, at any depth) is
/// shown as used by that guest and is never deleted: not as a volume, not with its pool, not with
/// another guest's disks. Real qemu:///system, TCG test guests.
/// </summary>
[Trait("Category", "Qemu")]
[Collection(ProvisioningCollection.Name)]
public sealed class VolumeUsageQemuTests(ProvisioningFixture fixture)
{
    private HubConnection Hub => fixture.Hub;

    [Fact]
    public async Task A_templates_disk_stays_in_use_by_its_linked_clone_after_the_template_is_deleted()
    {
        string template = ProvisioningFixture.Prefix + "use-tmpl";
        string clone = ProvisioningFixture.Prefix + "use-clone";
        string adopter = ProvisioningFixture.Prefix + "use-adopter";
        string baseName = template + "-disk.qcow2";
        string disk = await fixture.AddToPoolAsync(TestGuestImages.Disk, baseName);
        var created = await CreateAsync(ImportSpec(template, disk));
        Assert.True(created.State == AgentTaskState.Succeeded, string.Join(" | ", created.Log));
        Assert.True((await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.SetTemplate), created.TargetUuid!, true, "test-user")).Ok);
        var cloned = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.CloneGuest), new CloneGuestRequest(created.TargetUuid!, clone, StartAfterClone: false, "test-user", Linked: true)));
        Assert.True(cloned.State == AgentTaskState.Succeeded, string.Join(" | ", cloned.Log));

        // While the template exists, both use the base: the template as its disk, the clone through its overlay.
        var baseVolume = await VolumeAsync(fixture.PoolName, baseName);
        Assert.Equal([clone, template], baseVolume.UsedBy.Order(StringComparer.Ordinal));
        Assert.Equal([clone], baseVolume.ThroughBacking);

        // The template goes, its disk stays: the clone still uses it and nothing may delete it.
        var deleted = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(created.TargetUuid!, template, DeleteDisks: false, "test-user")));
        Assert.Equal(AgentTaskState.Succeeded, deleted.State);
        baseVolume = await VolumeAsync(fixture.PoolName, baseName);
        Assert.Equal([clone], baseVolume.UsedBy);
        Assert.Equal([clone], baseVolume.ThroughBacking);

        var volumeRefused = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStorageVolume), fixture.PoolName, baseName);
        Assert.Equal(ErrorCodes.InUse, volumeRefused.ErrorCode);
        Assert.Contains(clone, volumeRefused.ToString(), StringComparison.Ordinal);
        Assert.Contains("backing file", ResultText.Of(volumeRefused), StringComparison.Ordinal);
        Assert.Contains("后备文件", ResultText.Of(volumeRefused, "zh-Hans"), StringComparison.Ordinal);
        var poolRefused = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStoragePool), fixture.PoolName, true);
        Assert.Equal(ErrorCodes.InUse, poolRefused.ErrorCode);
        Assert.Contains(clone, poolRefused.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(disk));

        // Another guest that has the base as its own disk: deleting it with its disks keeps the base and names the clone.
        string adopterUuid;
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var defined = connection.DefineDomainXml(DiskGuestXml(adopter, disk)))
        {
            adopterUuid = defined.Uuid;
        }

        // The guest page's "remove disk and delete its volume" is refused too, in the user's language.
        var removal = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestDisk), adopterUuid, "vda", true);
        Assert.False(removal.Ok);
        Assert.Contains($"{clone}（通过后备文件）", ResultText.Of(removal, "zh-Hans"), StringComparison.Ordinal);
        Assert.True(File.Exists(disk));

        var plan = await Hub.InvokeAsync<DeletePlan>(nameof(IAgentHub.GetDeletePlan), adopterUuid);
        var kept = Assert.Single(plan.Disks, d => d.Path == disk);
        Assert.Equal([clone], kept.UsedBy);
        Assert.Equal([clone], kept.ThroughBacking);
        var adopterDeleted = await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(
            nameof(IAgentHub.DeleteGuest), new DeleteGuestRequest(adopterUuid, adopter, DeleteDisks: true, "test-user")));
        Assert.Equal(AgentTaskState.Succeeded, adopterDeleted.State);
        Assert.False(ProvisioningFixture.DomainExists(adopter));
        Assert.True(File.Exists(disk));

        Assert.True((await Hub.ActAsync(cloned.TargetUuid!, GuestAction.Start)).Ok);
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        using (var copy = connection.LookupDomainByName(clone))
        {
            await GuestConsole.WaitForBannerAsync(copy);
            copy.Destroy();
        }
    }

    [Fact]
    public async Task An_overlay_of_an_overlay_keeps_both_files_below_it_in_use_across_pools()
    {
        string guest = ProvisioningFixture.Prefix + "use-deep";
        string basePool = ProvisioningFixture.Prefix + "usebase";
        string basePath = Path.Combine(fixture.Directory, "usebase");
        Directory.CreateDirectory(basePath);
        File.SetUnixFileMode(basePath, (UnixFileMode)0b111_101_101);
        string baseFile = Path.Combine(basePath, "deep-base.qcow2");
        File.Copy(Path.Combine(await TestGuestImages.EnsureBuiltAsync(), TestGuestImages.Disk), baseFile);
        File.SetUnixFileMode(baseFile, (UnixFileMode)0b110_100_100);
        string middle = Path.Combine(fixture.PoolPath, "deep-middle.qcow2");
        string top = Path.Combine(fixture.PoolPath, "deep-top.qcow2");
        using (var connection = LibvirtConnection.Open(ProvisioningFixture.Uri))
        {
            using var pool = connection.CreateStoragePoolXml($"<pool type='dir'><name>{basePool}</name><target><path>{basePath}</path></target></pool>");
            using var target = connection.LookupStoragePoolByName(fixture.PoolName);
            ulong capacity = pool.LookupVolumeByName("deep-base.qcow2").GetInfo().CapacityBytes;
            using (target.CreateVolumeXml(OverlayXml("deep-middle.qcow2", capacity, baseFile)))
            using (target.CreateVolumeXml(OverlayXml("deep-top.qcow2", capacity, middle)))
            {
            }
        }

        var created = await CreateAsync(ImportSpec(guest, top));
        Assert.True(created.State == AgentTaskState.Succeeded, string.Join(" | ", created.Log));

        var baseVolume = await VolumeAsync(basePool, "deep-base.qcow2");
        Assert.Equal([guest], baseVolume.UsedBy);
        Assert.Equal([guest], baseVolume.ThroughBacking);
        var middleVolume = await VolumeAsync(fixture.PoolName, "deep-middle.qcow2");
        Assert.Equal([guest], middleVolume.UsedBy);
        Assert.Equal([guest], middleVolume.ThroughBacking);
        Assert.Empty((await VolumeAsync(fixture.PoolName, "deep-top.qcow2")).ThroughBacking ?? []);

        var middleRefused = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStorageVolume), fixture.PoolName, "deep-middle.qcow2");
        Assert.Equal(ErrorCodes.InUse, middleRefused.ErrorCode);
        Assert.Contains(guest, middleRefused.ToString(), StringComparison.Ordinal);
        var baseRefused = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStorageVolume), basePool, "deep-base.qcow2");
        Assert.Equal(ErrorCodes.InUse, baseRefused.ErrorCode);
        Assert.Contains(guest, baseRefused.ToString(), StringComparison.Ordinal);
        var poolRefused = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.DeleteStoragePool), basePool, true);
        Assert.Equal(ErrorCodes.InUse, poolRefused.ErrorCode);
        Assert.Contains(guest, poolRefused.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(baseFile) && File.Exists(middle));

        // The guest page's "remove disk and delete its volume" deletes the top only: what lies below stays.
        var removed = await Hub.InvokeAsync<ActionResult>(nameof(IAgentHub.RemoveGuestDisk), created.TargetUuid!, "vda", true);
        Assert.True(removed.Ok, removed.ToString());
        Assert.False(File.Exists(top));
        Assert.True(File.Exists(baseFile) && File.Exists(middle));
        Assert.Empty((await VolumeAsync(basePool, "deep-base.qcow2")).UsedBy);
    }

    private async Task<StorageVolumeSummary> VolumeAsync(string pool, string name) =>
        (await Hub.InvokeAsync<IReadOnlyList<StorageVolumeSummary>>(nameof(IAgentHub.GetStorageVolumes), pool)).Single(v => v.Name == name);

    private GuestSpecDto ImportSpec(string name, string disk) => new()
    {
        Name = name,
        Source = GuestSourceKind.ImportDisk,
        SourcePath = disk,
        VCpus = 1,
        MemoryMiB = 256,
        Disk = GuestDiskKind.None,
        Network = GuestNetworkKind.None,
        RequestedBy = "test-user",
    };

    private async Task<AgentTaskInfo> CreateAsync(GuestSpecDto spec) =>
        await fixture.RunTaskAsync(await Hub.InvokeAsync<ProvisioningResult>(nameof(IAgentHub.CreateGuest), spec));

    private static string OverlayXml(string name, ulong capacity, string backing) =>
        $"<volume><name>{name}</name><capacity unit='bytes'>{capacity}</capacity><target><format type='qcow2'/></target>" +
        $"<backingStore><path>{backing}</path><format type='qcow2'/></backingStore></volume>";

    private static string DiskGuestXml(string name, string disk) =>
        $"<domain type='qemu'><name>{name}</name><memory unit='MiB'>128</memory><os><type arch='x86_64'>hvm</type></os>" +
        $"<devices><disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='{disk}'/><target dev='vda' bus='virtio'/></disk></devices></domain>";
}
