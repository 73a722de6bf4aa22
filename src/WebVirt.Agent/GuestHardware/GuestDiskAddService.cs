using System.Xml.Linq;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// Adds a disk: a new volume (made in the pool first, named as the user asked or else after the
/// guest and its target, and deleted again if the attach fails), an existing volume no other guest writes, or a CD-ROM
/// drive. virtio and SCSI disks are hot-plugged into a running guest; the rest waits for its next boot.
/// </summary>
internal sealed class GuestDiskAddService(GuestEditor editor)
{
    public Task<ActionResult> AddAsync(string uuid, GuestDiskAdd disk, CancellationToken ct) =>
        editor.RunAsync(uuid, "AddGuestDisk", g =>
        {
            var problems = new List<ValidationProblem>();
            DiskBus? bus = EditRequests.Bus(disk.Bus, "Bus", problems);
            DiskCache cache = EditRequests.Cache(disk.Cache, "Cache", problems) ?? DiskCache.Default;
            HostLimits limits = g.Limits();
            string persistent = g.Persistent();
            return disk.Kind switch
            {
                GuestDiskSourceKind.NewVolume => AddNewVolume(g, disk, bus ?? DiskBus.Virtio, cache, limits, persistent, problems),
                GuestDiskSourceKind.ExistingVolume => AddExisting(g, disk, bus ?? DiskBus.Virtio, cache, limits, persistent, problems),
                GuestDiskSourceKind.Cdrom => AddCdrom(g, disk, bus, limits, persistent, problems),
                _ => GuestEdit.Refused([.. problems, EditRequests.OptionInvalid("Kind", (int)disk.Kind)]),
            };
        }, ct);

    private static ActionResult AddNewVolume(GuestEdit g, GuestDiskAdd disk, DiskBus bus, DiskCache cache, HostLimits limits, string persistent, List<ValidationProblem> problems)
    {
        VolumeFormat? format = EditRequests.NewVolumeFormat(disk.Format, "Format", problems);
        StoragePoolInfo? pool = EditRequests.Pool(disk.Pool, limits, "Pool", problems);
        string? target = NewDiskPlan.Target(persistent, bus, problems);
        if (problems.Count > 0 || format is null || pool is null || target is null)
        {
            return GuestEdit.Refused(problems);
        }

        // The name the user typed, checked like any new volume's (valid, right extension, not taken); none typed: one from the guest and target.
        string name = disk.Volume ?? NewDiskPlan.VolumeName(g.Domain.Name, target, format.Value, pool);
        var volume = VolumeValidator.ValidateNew(new VolumeSpec(name, format.Value, disk.SizeBytes), pool);
        if (volume.Value is not { } valid)
        {
            return GuestEdit.Refused(volume.Problems);
        }

        // The attach is checked as if the volume existed, so nothing is created for a refused disk.
        var planned = pool with { Volumes = [.. pool.Volumes, new PoolVolume(valid.Path, VolumeNames.LibvirtFormat(valid.Format))] };
        var withVolume = limits with { Pools = [.. limits.Pools.Select(p => p.Name == pool.Name ? planned : p)] };
        var attach = GuestDeviceBuilder.AttachDisk(persistent, new DiskAttachSpec(valid.Path, bus, cache), withVolume);
        if (attach.Value is not { } element)
        {
            return GuestEdit.Refused(attach.Problems);
        }

        using var libvirtPool = g.Connection.LookupStoragePoolByName(pool.Name);
        using var created = libvirtPool.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
        try
        {
            return Attach(g, element);
        }
        catch (LibvirtException)
        {
            // A volume made for a disk that never got attached would only take space.
            created.Delete();
            throw;
        }
    }

    private static ActionResult AddExisting(GuestEdit g, GuestDiskAdd disk, DiskBus bus, DiskCache cache, HostLimits limits, string persistent, List<ValidationProblem> problems)
    {
        PoolVolume? volume = EditRequests.Volume(disk.Pool, disk.Volume, limits, "Volume", problems);
        if (volume is not null)
        {
            g.VolumeUsage().CheckAttachable(volume.Path, g.Domain.Name, writable: true, "Volume", problems);
        }

        if (problems.Count > 0 || volume is null)
        {
            return GuestEdit.Refused(problems);
        }

        var attach = GuestDeviceBuilder.AttachDisk(persistent, new DiskAttachSpec(volume.Path, bus, cache), limits);
        return attach.Value is { } element ? Attach(g, element) : GuestEdit.Refused(attach.Problems);
    }

    private static ActionResult AddCdrom(GuestEdit g, GuestDiskAdd disk, DiskBus? bus, HostLimits limits, string persistent, List<ValidationProblem> problems)
    {
        string? iso = disk.Pool is null && disk.Volume is null ? null : EditRequests.Volume(disk.Pool, disk.Volume, limits, "Volume", problems)?.Path;
        var attach = GuestDeviceBuilder.AttachCdrom(persistent, new CdromAttachSpec(iso, bus), limits);
        if (problems.Count > 0 || attach.Value is not { } element)
        {
            return GuestEdit.Refused([.. problems, .. attach.Problems]);
        }

        return Attach(g, element);
    }

    private static ActionResult Attach(GuestEdit g, XElement element)
    {
        bool live = HotPlug.DiskBus((string?)element.Element("target")?.Attribute("bus"));
        g.Domain.AttachDevice(element.ToString(), g.DeviceImpact(live));
        return g.Applied(live);
    }
}
