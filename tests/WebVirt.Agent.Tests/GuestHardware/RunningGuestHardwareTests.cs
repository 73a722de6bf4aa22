using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>
/// Hardware edits and snapshots of one booted TCG guest through the agent's hub: applied live where
/// QEMU allows it and always to the persistent definition.
/// </summary>
[Trait("Category", "Qemu")]
public sealed class RunningGuestHardwareTests(RunningGuestFixture guest) : IClassFixture<RunningGuestFixture>
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan ShellWait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_vcpu_is_hot_plugged_and_the_balloon_target_set_live()
    {
        Assert.Equal(1, guest.WithDomain((_, d) => d.GetInfo().VCpus));

        var cpus = await guest.InvokeAsync(nameof(IAgentHub.SetGuestCpus), new GuestCpuChange(2, 2));

        Assert.True(cpus.Ok, cpus.ToString());
        Assert.Null(cpus.Notice);
        Assert.Equal(2, guest.WithDomain((_, d) => d.GetInfo().VCpus));
        Assert.Equal("2", guest.PersistentXml().Element("vcpu")!.Value);
        Assert.Null(guest.PersistentXml().Element("vcpu")!.Attribute("current"));

        // Below the live maximum the balloon target changes now; a larger maximum waits for the next boot.
        var memory = await guest.InvokeAsync(nameof(IAgentHub.SetGuestMemory), new GuestMemoryChange(192, 320));

        Assert.True(memory.Ok, memory.ToString());
        Assert.Equal("已保存；下次启动时生效。", ResultText.Of(memory, "zh-Hans"));
        XElement persistent = guest.PersistentXml();
        Assert.Equal(320 * 1024, (long)persistent.Element("memory")!);
        Assert.Equal(192 * 1024, (long)persistent.Element("currentMemory")!);
        Assert.Equal(256 * 1024, (long)guest.LiveXml().Element("memory")!);
        Assert.Equal(256 * 1024, guest.WithDomain((_, d) => d.GetInfo().MaxMemoryKiB));

        // Past the live maximum is refused by libvirt itself; the agent keeps such a target for the next boot instead.
        var above = await guest.InvokeAsync(nameof(IAgentHub.SetGuestMemory), new GuestMemoryChange(300, 320));
        Assert.True(above.Ok, above.ToString());
        Assert.Equal(300 * 1024, (long)guest.PersistentXml().Element("currentMemory")!);
        Assert.Equal(256 * 1024, guest.WithDomain((_, d) => d.GetInfo().MaxMemoryKiB));
    }

    [Fact]
    public async Task A_new_disk_is_hot_plugged_grown_live_and_unplugged_with_its_volume_deleted()
    {
        var add = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, null, 8 * MiB));
        Assert.True(add.Ok, add.ToString());
        Assert.Null(add.Notice);
        string volume = guest.Name + "-vdb.qcow2";
        Assert.NotNull(ShutOffGuestHardwareTests.Disk(guest.LiveXml(), "vdb"));
        Assert.NotNull(ShutOffGuestHardwareTests.Disk(guest.PersistentXml(), "vdb"));
        Assert.Contains(volume, guest.PoolVolumeNames());

        var grow = await guest.InvokeAsync(nameof(IAgentHub.ResizeGuestDisk), "vdb", 12 * MiB);
        Assert.True(grow.Ok, grow.ToString());
        Assert.Equal(12UL * MiB, guest.WithDomain((_, d) => d.GetBlockInfo("vdb").CapacityBytes));

        var remove = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), "vdb", true);
        Assert.True(remove.Ok, remove.ToString());
        Assert.Null(ShutOffGuestHardwareTests.Disk(guest.LiveXml(), "vdb"));
        Assert.Null(ShutOffGuestHardwareTests.Disk(guest.PersistentXml(), "vdb"));
        Assert.DoesNotContain(volume, guest.PoolVolumeNames());
    }

    [Fact]
    public async Task The_running_disk_grows_and_never_shrinks()
    {
        ulong before = guest.WithDomain((_, d) => d.GetBlockInfo("vda").CapacityBytes);

        var grow = await guest.InvokeAsync(nameof(IAgentHub.ResizeGuestDisk), "vda", (long)before + (4 * MiB));
        var shrink = await guest.InvokeAsync(nameof(IAgentHub.ResizeGuestDisk), "vda", (long)before);

        Assert.True(grow.Ok, grow.ToString());
        ulong after = guest.WithDomain((_, d) => d.GetBlockInfo("vda").CapacityBytes);
        Assert.Equal(before + (4 * MiB), after);
        Assert.Equal(ErrorCodes.InputInvalid, shrink.ErrorCode);
        Assert.Contains(after.ToString(System.Globalization.CultureInfo.InvariantCulture), shrink.ToString(), StringComparison.Ordinal);
        Assert.Equal(after, guest.WithDomain((_, d) => d.GetBlockInfo("vda").CapacityBytes));
    }

    [Fact]
    public async Task An_iso_is_inserted_into_and_ejected_from_the_running_cdrom()
    {
        string iso = Path.Combine(guest.PoolPath, WebVirt.Testing.TestGuestImages.Iso);

        var insert = await guest.InvokeAsync(nameof(IAgentHub.ChangeGuestMedia), "hdc", guest.PoolName, WebVirt.Testing.TestGuestImages.Iso);

        Assert.True(insert.Ok, insert.ToString());
        Assert.Equal(iso, (string?)ShutOffGuestHardwareTests.Disk(guest.LiveXml(), "hdc")!.Element("source")?.Attribute("file"));
        Assert.Equal(iso, (string?)ShutOffGuestHardwareTests.Disk(guest.PersistentXml(), "hdc")!.Element("source")?.Attribute("file"));

        var eject = await guest.InvokeAsync(nameof(IAgentHub.ChangeGuestMedia), "hdc", null, null);

        Assert.True(eject.Ok, eject.ToString());
        Assert.Null(ShutOffGuestHardwareTests.Disk(guest.LiveXml(), "hdc")!.Element("source")?.Attribute("file"));
        Assert.Null(ShutOffGuestHardwareTests.Disk(guest.PersistentXml(), "hdc")!.Element("source")?.Attribute("file"));

        var notDrive = await guest.InvokeAsync(nameof(IAgentHub.ChangeGuestMedia), "vda", guest.PoolName, WebVirt.Testing.TestGuestImages.Iso);
        Assert.Equal(ErrorCodes.InputInvalid, notDrive.ErrorCode);
    }

    [Fact]
    public async Task A_nic_is_hot_plugged_its_link_set_down_and_up_and_unplugged()
    {
        const string mac = "52:54:00:5e:01:3b";
        var add = await guest.InvokeAsync(nameof(IAgentHub.AddGuestNic), new GuestNicChange("network", guest.NetworkName, "e1000", mac));
        Assert.True(add.Ok, add.ToString());
        Assert.NotNull(Nic(guest.LiveXml(), mac));
        Assert.Equal("e1000", (string?)Nic(guest.PersistentXml(), mac)!.Element("model")!.Attribute("type"));

        var down = await guest.InvokeAsync(nameof(IAgentHub.SetGuestNicLink), HardwareGuestFixture.Mac, false);
        Assert.True(down.Ok, down.ToString());
        Assert.Equal("down", (string?)Nic(guest.LiveXml(), HardwareGuestFixture.Mac)!.Element("link")?.Attribute("state"));
        Assert.Equal("down", (string?)Nic(guest.PersistentXml(), HardwareGuestFixture.Mac)!.Element("link")?.Attribute("state"));
        var up = await guest.InvokeAsync(nameof(IAgentHub.SetGuestNicLink), HardwareGuestFixture.Mac, true);
        Assert.True(up.Ok, up.ToString());
        Assert.NotEqual("down", (string?)Nic(guest.LiveXml(), HardwareGuestFixture.Mac)!.Element("link")?.Attribute("state"));

        // A model change waits for the next boot; the MAC stays.
        var update = await guest.InvokeAsync(nameof(IAgentHub.UpdateGuestNic), mac, new GuestNicChange("network", guest.NetworkName, "virtio"));
        Assert.True(update.Ok, update.ToString());
        Assert.NotNull(update.Notice);
        Assert.Equal("virtio", (string?)Nic(guest.PersistentXml(), mac)!.Element("model")!.Attribute("type"));
        Assert.Equal("e1000", (string?)Nic(guest.LiveXml(), mac)!.Element("model")!.Attribute("type"));

        var remove = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestNic), mac);
        Assert.True(remove.Ok, remove.ToString());
        Assert.Null(Nic(guest.PersistentXml(), mac));
        await WaitUntilAsync(() => Nic(guest.LiveXml(), mac) is null);
    }

    [Fact]
    public async Task Reverting_a_memory_snapshot_restores_what_the_guest_wrote_to_its_disk()
    {
        // The markers are computed by the shell, so only the disk's content (never the echoed command) matches.
        await SerialShell.RunAsync(guest, "printf 'WVT-MARK-%s' $((40+2)) | dd of=/dev/vda conv=fsync 2>/dev/null; echo WROTE-$((1+1))", "WROTE-2", ShellWait);
        string raw = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("before", "marker 42", false)) is { Ok: false } refused
            ? ResultText.Of(refused)
            : "";
        Assert.Contains("memory", raw, StringComparison.Ordinal);

        var create = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("before", "marker 42", true));
        Assert.True(create.Ok, create.ToString());
        await SerialShell.RunAsync(guest, "printf 'WVT-MARK-%s' $((50+5)) | dd of=/dev/vda conv=fsync 2>/dev/null; echo WROTE-$((2+1))", "WROTE-3", ShellWait);
        await SerialShell.RunAsync(guest, ReadMarker, "WVT-MARK-55", ShellWait);

        var revert = await guest.InvokeAsync(nameof(IAgentHub.RevertGuestSnapshot), "before");

        Assert.True(revert.Ok, revert.ToString());
        Assert.Equal(DomainState.Running, guest.WithDomain((_, d) => d.GetState().State));
        string output = await SerialShell.RunAsync(guest, ReadMarker, "END-OF-READ-4", ShellWait);
        Assert.Contains("WVT-MARK-42", output, StringComparison.Ordinal);
        Assert.DoesNotContain("WVT-MARK-55", output, StringComparison.Ordinal);

        var snapshot = Assert.Single(await guest.Hub.InvokeAsync<IReadOnlyList<GuestSnapshotInfo>>(nameof(IAgentHub.GetGuestSnapshots), guest.Uuid));
        Assert.Equal(("before", "marker 42", "running", true, true), (snapshot.Name, snapshot.Description, snapshot.State, snapshot.HasMemory, snapshot.IsCurrent));
        var delete = await guest.InvokeAsync(nameof(IAgentHub.DeleteGuestSnapshot), "before");
        Assert.True(delete.Ok, delete.ToString());
        Assert.Empty(await guest.Hub.InvokeAsync<IReadOnlyList<GuestSnapshotInfo>>(nameof(IAgentHub.GetGuestSnapshots), guest.Uuid));
    }

    // Dropping the page cache makes the read come from the disk, not from memory.
    private const string ReadMarker = "sync; echo 3 > /proc/sys/vm/drop_caches; head -c 11 /dev/vda; echo; echo END-OF-READ-$((2+2))";

    private static XElement? Nic(XElement domain, string mac) =>
        domain.Element("devices")!.Elements("interface").SingleOrDefault(i => (string?)i.Element("mac")?.Attribute("address") == mac);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(200);
        }

        Assert.True(condition());
    }
}
