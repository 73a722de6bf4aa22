using System.Xml.Linq;
using Microsoft.AspNetCore.SignalR.Client;
using WebVirt.Contracts;
using WebVirt.Testing;

namespace WebVirt.Agent.Tests.GuestHardware;

/// <summary>Hardware edits and snapshots of a shut-off guest through the agent's hub: everything goes to the persistent definition.</summary>
[Trait("Category", "Qemu")]
public sealed class ShutOffGuestHardwareTests(ShutOffGuestFixture guest) : IClassFixture<ShutOffGuestFixture>
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task Cpus_and_memory_are_saved_to_the_definition()
    {
        var cpus = await guest.InvokeAsync(nameof(IAgentHub.SetGuestCpus), new GuestCpuChange(2, 2, 1, 2, 1));
        var memory = await guest.InvokeAsync(nameof(IAgentHub.SetGuestMemory), new GuestMemoryChange(192, 320));

        Assert.True(cpus.Ok, cpus.ToString());
        Assert.True(memory.Ok, memory.ToString());
        XElement xml = guest.PersistentXml();
        Assert.Equal("2", xml.Element("vcpu")!.Value);
        Assert.Null(xml.Element("vcpu")!.Attribute("current"));
        Assert.Equal("2", (string?)xml.Element("cpu")!.Element("topology")!.Attribute("cores"));
        Assert.Equal(320 * 1024, (long)xml.Element("memory")!);
        Assert.Equal(192 * 1024, (long)xml.Element("currentMemory")!);

        // The inventory row pushed after the edit shows the new size.
        var row = await guest.Hub.WaitForGuestAsync(guest.Name, HardwareGuestFixture.Wait);
        Assert.Equal(2, row.VCpus);
    }

    [Fact]
    public async Task Boot_order_and_menu_are_saved()
    {
        var result = await guest.InvokeAsync(nameof(IAgentHub.SetGuestBootOrder), new GuestBootChange(["cdrom", "hd", "network"], true));

        Assert.True(result.Ok, result.ToString());
        XElement os = guest.PersistentXml().Element("os")!;
        Assert.Equal(["cdrom", "hd", "network"], os.Elements("boot").Select(b => (string?)b.Attribute("dev")));
        Assert.Equal("yes", (string?)os.Element("bootmenu")!.Attribute("enable"));
    }

    [Fact]
    public async Task A_new_volume_disk_is_added_grown_moved_and_removed_with_its_volume()
    {
        var add = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, null, 8 * MiB, Cache: "writeback"));
        Assert.True(add.Ok, add.ToString());
        string volume = guest.Name + "-vdb.qcow2";
        Assert.Contains(volume, guest.PoolVolumeNames());
        XElement disk = Disk(guest.PersistentXml(), "vdb")!;
        Assert.Equal(Path.Combine(guest.PoolPath, volume), (string?)disk.Element("source")!.Attribute("file"));
        Assert.Equal("writeback", (string?)disk.Element("driver")!.Attribute("cache"));

        var grow = await guest.InvokeAsync(nameof(IAgentHub.ResizeGuestDisk), "vdb", 24 * MiB);
        Assert.True(grow.Ok, grow.ToString());
        Assert.Equal(24UL * MiB, guest.WithDomain((c, _) =>
        {
            using var v = c.LookupStorageVolumeByPath(Path.Combine(guest.PoolPath, volume));
            return v.GetInfo().CapacityBytes;
        }));

        var settings = await guest.InvokeAsync(nameof(IAgentHub.ChangeGuestDiskSettings), "vdb", "sata", "none");
        Assert.True(settings.Ok, settings.ToString());
        XElement moved = guest.PersistentXml().Element("devices")!.Elements("disk").Single(d => (string?)d.Element("source")?.Attribute("file") == Path.Combine(guest.PoolPath, volume));
        Assert.Equal("sata", (string?)moved.Element("target")!.Attribute("bus"));
        string target = (string)moved.Element("target")!.Attribute("dev")!;
        Assert.StartsWith("sd", target, StringComparison.Ordinal);

        var remove = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), target, true);
        Assert.True(remove.Ok, remove.ToString());
        Assert.Null(Disk(guest.PersistentXml(), target));
        Assert.DoesNotContain(volume, guest.PoolVolumeNames());
    }

    [Fact]
    public async Task A_new_disk_gets_the_volume_name_asked_for_and_a_bad_or_taken_name_is_refused()
    {
        string name = guest.Prefix + "named-data.qcow2";
        string before = guest.PersistentXml().ToString();

        var bad = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, "../escape.qcow2", 8 * MiB));
        var wrongExtension = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, guest.Prefix + "data.img", 8 * MiB));

        Assert.Equal(ErrorCodes.InputInvalid, bad.ErrorCode);
        Assert.Contains("escape.qcow2", bad.ToString(), StringComparison.Ordinal);
        Assert.Equal(ErrorCodes.InputInvalid, wrongExtension.ErrorCode);
        Assert.Equal(before, guest.PersistentXml().ToString());
        Assert.DoesNotContain(guest.PoolVolumeNames(), v => v.Contains("escape", StringComparison.Ordinal) || v.EndsWith("data.img", StringComparison.Ordinal));

        var add = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, name, 8 * MiB));
        Assert.True(add.Ok, add.ToString());
        Assert.Contains(name, guest.PoolVolumeNames());
        XElement disk = guest.PersistentXml().Element("devices")!.Elements("disk").Single(d => (string?)d.Element("source")?.Attribute("file") == Path.Combine(guest.PoolPath, name));
        string target = (string)disk.Element("target")!.Attribute("dev")!;

        string attached = guest.PersistentXml().ToString();
        var taken = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.NewVolume, guest.PoolName, name, 8 * MiB));
        Assert.Equal(ErrorCodes.InputInvalid, taken.ErrorCode);
        Assert.Contains(name, taken.ToString(), StringComparison.Ordinal);
        Assert.Equal(attached, guest.PersistentXml().ToString());

        var remove = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), target, true);
        Assert.True(remove.Ok, remove.ToString());
        Assert.DoesNotContain(name, guest.PoolVolumeNames());
    }

    [Fact]
    public async Task An_existing_volume_and_an_empty_cdrom_are_attached_and_detached_keeping_the_volume()
    {
        string volume = guest.Prefix + "free.img";
        guest.WithDomain((c, _) =>
        {
            using var pool = c.LookupStoragePoolByName(guest.PoolName);
            using var v = pool.CreateVolumeXml($"<volume><name>{volume}</name><capacity unit='bytes'>{MiB}</capacity><target><format type='raw'/></target></volume>");
            return true;
        });

        var disk = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.ExistingVolume, guest.PoolName, volume, Bus: "scsi"));
        var cdrom = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.Cdrom, null, null, Bus: "sata"));
        var badBus = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.Cdrom, null, null, Bus: "virtio"));

        Assert.True(disk.Ok, disk.ToString());
        Assert.True(cdrom.Ok, cdrom.ToString());
        Assert.Equal(ErrorCodes.InputInvalid, badBus.ErrorCode);
        XElement xml = guest.PersistentXml();
        XElement attached = xml.Element("devices")!.Elements("disk").Single(d => (string?)d.Element("source")?.Attribute("file") == Path.Combine(guest.PoolPath, volume));
        Assert.Equal(("scsi", "raw"), ((string?)attached.Element("target")!.Attribute("bus"), (string?)attached.Element("driver")!.Attribute("type")));
        XElement drive = xml.Element("devices")!.Elements("disk").Single(d => (string?)d.Element("target")?.Attribute("bus") == "sata");
        Assert.Equal("cdrom", (string?)drive.Attribute("device"));
        Assert.Null(drive.Element("source"));

        foreach (XElement added in new[] { attached, drive })
        {
            var remove = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), (string)added.Element("target")!.Attribute("dev")!, false);
            Assert.True(remove.Ok, remove.ToString());
            Assert.Null(Disk(guest.PersistentXml(), (string)added.Element("target")!.Attribute("dev")!));
        }

        Assert.Contains(volume, guest.PoolVolumeNames());
    }

    [Fact]
    public async Task A_disk_of_another_guest_is_neither_attached_nor_deleted()
    {
        string other = guest.Prefix + "other";
        string volume = guest.Prefix + "shared.qcow2";
        guest.WithDomain((c, _) =>
        {
            using var pool = c.LookupStoragePoolByName(guest.PoolName);
            using var v = pool.CreateVolumeXml($"<volume><name>{volume}</name><capacity unit='bytes'>{MiB}</capacity><target><format type='qcow2'/></target></volume>");
            string xml = XElement.Parse(TestGuestDomainXml.DirectKernelBoot(other, guest.PoolPath)).ToString();
            var domain = XElement.Parse(xml);
            domain.Element("devices")!.AddFirst(new XElement(
                "disk",
                new XAttribute("type", "file"),
                new XAttribute("device", "disk"),
                new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", "qcow2")),
                new XElement("source", new XAttribute("file", v.GetPath())),
                new XElement("target", new XAttribute("dev", "vda"), new XAttribute("bus", "virtio"))));
            using var defined = c.DefineDomainXml(domain.ToString());
            return true;
        });
        string before = guest.PersistentXml().ToString();

        var attach = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.ExistingVolume, guest.PoolName, volume));

        Assert.False(attach.Ok);
        Assert.Equal(ErrorCodes.InputInvalid, attach.ErrorCode);
        Assert.Contains(other, attach.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, guest.PersistentXml().ToString());

        // Read-only as a CD-ROM it may be shared; deleting it with the drive is refused while the other guest has it.
        var cdrom = await guest.InvokeAsync(nameof(IAgentHub.AddGuestDisk), new GuestDiskAdd(GuestDiskSourceKind.Cdrom, guest.PoolName, volume));
        Assert.True(cdrom.Ok, cdrom.ToString());
        string drive = (string)guest.PersistentXml().Element("devices")!.Elements("disk")
            .Single(d => (string?)d.Element("source")?.Attribute("file") == Path.Combine(guest.PoolPath, volume)).Element("target")!.Attribute("dev")!;
        string withDrive = guest.PersistentXml().ToString();
        var delete = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), drive, true);
        Assert.False(delete.Ok);
        Assert.Contains(other, delete.ToString(), StringComparison.Ordinal);
        Assert.Equal(withDrive, guest.PersistentXml().ToString());
        Assert.Contains(volume, guest.PoolVolumeNames());

        var detach = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), drive, false);
        Assert.True(detach.Ok, detach.ToString());
        Assert.Null(Disk(guest.PersistentXml(), drive));
        Assert.Contains(volume, guest.PoolVolumeNames());
    }

    [Fact]
    public async Task Invalid_edits_are_refused_with_a_reason_and_change_nothing()
    {
        string before = guest.PersistentXml().ToString();

        var tooMany = await guest.InvokeAsync(nameof(IAgentHub.SetGuestCpus), new GuestCpuChange(1, 512));
        var badMac = await guest.InvokeAsync(nameof(IAgentHub.AddGuestNic), new GuestNicChange("network", guest.NetworkName, Mac: "52:54:00:zz:00:01"));
        var shrink = await guest.InvokeAsync(nameof(IAgentHub.ResizeGuestDisk), "vda", 4 * MiB);
        var unknown = await guest.InvokeAsync(nameof(IAgentHub.RemoveGuestDisk), "vdq", false);
        var busWhileOffUnknown = await guest.InvokeAsync(nameof(IAgentHub.ChangeGuestDiskSettings), "vda", "floppy-bus", null);
        var boot = await guest.InvokeAsync(nameof(IAgentHub.SetGuestBootOrder), new GuestBootChange(["hd", "hd"], false));

        Assert.All([tooMany, badMac, shrink, unknown, busWhileOffUnknown, boot], r => Assert.Equal(ErrorCodes.InputInvalid, r.ErrorCode));
        Assert.Contains("vCPU", ResultText.Of(tooMany, "zh-Hans"), StringComparison.Ordinal);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", ResultText.Of(tooMany, "zh-Hans"));
        Assert.Contains("52:54:00:zz:00:01", badMac.ToString(), StringComparison.Ordinal);
        Assert.Contains(HardwareGuestFixture.DiskBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), shrink.ToString(), StringComparison.Ordinal);
        Assert.Contains("vdq", unknown.ToString(), StringComparison.Ordinal);
        Assert.Contains("floppy-bus", busWhileOffUnknown.ToString(), StringComparison.Ordinal);
        Assert.Contains("hd", boot.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, guest.PersistentXml().ToString());
        Assert.Equal(HardwareGuestFixture.DiskBytes, (long)guest.WithDomain((_, d) => d.GetBlockInfo("vda").CapacityBytes));
    }

    [Fact]
    public async Task Shut_off_snapshots_are_listed_reverted_and_deleted_keeping_children()
    {
        var first = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("first", "before <upgrade> & \"tests\"", IncludeMemory: true));
        var second = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("second", null, false));
        var duplicate = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("second", null, false));
        var badName = await guest.InvokeAsync(nameof(IAgentHub.CreateGuestSnapshot), new GuestSnapshotCreate("no/slashes", null, false));
        Assert.True(first.Ok, first.ToString());
        Assert.True(second.Ok, second.ToString());
        Assert.Equal(ErrorCodes.InputInvalid, duplicate.ErrorCode);
        Assert.Equal(ErrorCodes.InputInvalid, badName.ErrorCode);

        var list = await Snapshots();
        Assert.Equal(["first", "second"], list.Select(s => s.Name));
        Assert.Equal("before <upgrade> & \"tests\"", list[0].Description);
        Assert.Equal(("shutoff", false, (string?)null), (list[0].State, list[0].HasMemory, list[0].Parent));
        Assert.Equal(("first", true), (list[1].Parent, list[1].IsCurrent));
        Assert.InRange(list[0].CreatedAt, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));

        var revert = await guest.InvokeAsync(nameof(IAgentHub.RevertGuestSnapshot), "first");
        Assert.True(revert.Ok, revert.ToString());
        Assert.True((await Snapshots()).Single(s => s.Name == "first").IsCurrent);

        var delete = await guest.InvokeAsync(nameof(IAgentHub.DeleteGuestSnapshot), "first");
        Assert.True(delete.Ok, delete.ToString());
        var left = Assert.Single(await Snapshots());
        Assert.Equal(("second", (string?)null), (left.Name, left.Parent));

        var unknown = await guest.InvokeAsync(nameof(IAgentHub.DeleteGuestSnapshot), "first");
        Assert.Equal(ErrorCodes.InputInvalid, unknown.ErrorCode);
        Assert.True((await guest.InvokeAsync(nameof(IAgentHub.DeleteGuestSnapshot), "second")).Ok);
        Assert.Empty(await Snapshots());
    }

    private Task<IReadOnlyList<GuestSnapshotInfo>> Snapshots() =>
        guest.Hub.InvokeAsync<IReadOnlyList<GuestSnapshotInfo>>(nameof(IAgentHub.GetGuestSnapshots), guest.Uuid);

    internal static XElement? Disk(XElement domain, string target) =>
        domain.Element("devices")!.Elements("disk").SingleOrDefault(d => (string?)d.Element("target")?.Attribute("dev") == target);
}
