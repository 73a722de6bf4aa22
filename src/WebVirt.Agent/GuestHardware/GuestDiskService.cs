using System.Xml.Linq;
using WebVirt.Agent.Resources;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// A guest's disks: add (new volume, existing volume, CD-ROM), remove (optionally deleting the
/// volume), grow, change media, change bus/cache. Disks on hot-pluggable buses change on the
/// running guest too; everything changes in the persistent definition.
/// </summary>
internal sealed partial class GuestDiskService(GuestEditor editor, ILogger<GuestDiskService> logger)
{
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(10);

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
                _ => GuestEdit.Refused([.. problems, EditRequests.OptionInvalid("Kind", (int)disk.Kind)], disk.Culture),
            };
        }, ct);

    public Task<ActionResult> RemoveAsync(string uuid, string target, bool deleteVolume, CancellationToken ct) =>
        editor.RunAsync(uuid, "RemoveGuestDisk", g =>
        {
            var inConfig = DeviceRemoval.Disk(g.Persistent(), target);
            var inLive = g.Active ? DeviceRemoval.Disk(g.Live(), target) : null;
            XElement? element = inConfig.Value ?? inLive?.Value;
            if (element is null)
            {
                return GuestEdit.Refused(inConfig.Problems, null);
            }

            string bus = (string?)element.Element("target")?.Attribute("bus") ?? "";
            bool unplug = inLive?.Value is not null && HotPlug.DiskBus(bus);
            string? path = (string?)element.Element("source")?.Attribute("file");
            LibvirtStorageVolume? volume = null;
            try
            {
                if (deleteVolume && path is not null)
                {
                    var problems = new List<ValidationProblem>();
                    if (inLive?.Value is not null && !unplug)
                    {
                        problems.Add(EditRequests.StillAttachedLive(target, bus));
                    }

                    DiskUses.CheckDeletable(path, g.Domain.Name, g.AllDiskUses(), "DeleteVolume", problems);
                    volume = problems.Count == 0 ? VolumeAt(g.Connection, path) : null;
                    if (problems.Count == 0 && volume is null)
                    {
                        problems.Add(EditRequests.VolumeNotInPool(path));
                    }

                    if (problems.Count > 0)
                    {
                        return GuestEdit.Refused(problems, null);
                    }
                }

                var impact = (inConfig.Value is not null ? DomainModificationImpact.Config : 0) | (unplug ? DomainModificationImpact.Live : 0);
                g.Domain.DetachDevice(element.ToString(), impact == 0 ? DomainModificationImpact.Live : impact);
                if (unplug && !Released(g, target))
                {
                    return volume is null ? g.Applied(allLive: false, null) : GuestEdit.Refused([EditRequests.DiskNotReleased(target)], null);
                }

                if (volume is not null)
                {
                    volume.Delete();
                    Log.VolumeDeleted(logger, path!, g.Domain.Name);
                }

                return g.Applied(allLive: unplug || inLive?.Value is null, null);
            }
            finally
            {
                volume?.Dispose();
            }
        }, ct);

    public Task<ActionResult> ResizeAsync(string uuid, string target, long newSizeBytes, CancellationToken ct) =>
        editor.RunAsync(uuid, "ResizeGuestDisk", g =>
        {
            var file = DiskResize.FindFile(g.Active ? g.Live() : g.Persistent(), target);
            if (file.Value is not { } path)
            {
                return GuestEdit.Refused(file.Problems, null);
            }

            using LibvirtStorageVolume? volume = VolumeAt(g.Connection, path);
            StoragePoolInfo? pool = null;
            if (volume is not null)
            {
                using var owner = LibvirtStoragePool.LookupByVolume(volume);
                pool = StorageService.DomainInfoOf(owner);
            }
            else if (!g.Active)
            {
                return GuestEdit.Refused([EditRequests.VolumeNotInPool(path)], null);
            }

            long current = g.Active ? (long)g.Domain.GetBlockInfo(target).CapacityBytes : (long)volume!.GetInfo().CapacityBytes;
            var resize = DiskResize.Check(target, current, newSizeBytes, pool);
            if (resize.Value is null)
            {
                return GuestEdit.Refused(resize.Problems, null);
            }

            if (g.Active)
            {
                g.Domain.BlockResize(target, (ulong)newSizeBytes);
            }
            else
            {
                volume!.Resize((ulong)newSizeBytes);
            }

            return ActionResult.Success;
        }, ct);

    public Task<ActionResult> ChangeMediaAsync(string uuid, string target, string? pool, string? volume, CancellationToken ct) =>
        editor.RunAsync(uuid, "ChangeGuestMedia", g =>
        {
            var problems = new List<ValidationProblem>();
            HostLimits limits = g.Limits();
            string? iso = null;
            if (pool is not null || volume is not null)
            {
                iso = EditRequests.Volume(pool, volume, limits, "Volume", problems)?.Path;
            }

            var changed = GuestDeviceBuilder.ChangeMedia(g.Persistent(), target, iso, limits);
            if (problems.Count > 0 || changed.Value is not { } drive)
            {
                return GuestEdit.Refused([.. problems, .. changed.Problems], null);
            }

            // IDE and SATA CD-ROMs take new media while running: that is what the drive is for.
            g.Domain.UpdateDevice(drive.ToString(), g.DeviceImpact(liveCapable: true), force: iso is null);
            return ActionResult.Success;
        }, ct);

    public Task<ActionResult> ChangeSettingsAsync(string uuid, string target, string? bus, string? cache, CancellationToken ct) =>
        editor.RunAsync(uuid, "ChangeGuestDiskSettings", g =>
        {
            var problems = new List<ValidationProblem>();
            var spec = new DiskSettingsSpec(target, EditRequests.Bus(bus, "Bus", problems), EditRequests.Cache(cache, "Cache", problems));
            var edited = DomainXmlEditor.ChangeDisk(g.Persistent(), spec, g.Active);
            if (problems.Count > 0 || edited.Value is not { } xml)
            {
                return GuestEdit.Refused([.. problems, .. edited.Problems], null);
            }

            g.Redefine(xml);
            return ActionResult.Success;
        }, ct);

    private ActionResult AddNewVolume(GuestEdit g, GuestDiskAdd disk, DiskBus bus, DiskCache cache, HostLimits limits, string persistent, List<ValidationProblem> problems)
    {
        VolumeFormat? format = EditRequests.NewVolumeFormat(disk.Format, "Format", problems);
        StoragePoolInfo? pool = EditRequests.Pool(disk.Pool, limits, "Pool", problems);
        string? target = NewDiskPlan.Target(persistent, bus, problems);
        if (problems.Count > 0 || format is null || pool is null || target is null)
        {
            return GuestEdit.Refused(problems, disk.Culture);
        }

        var volume = VolumeValidator.ValidateNew(new VolumeSpec(NewDiskPlan.VolumeName(g.Domain.Name, target, format.Value, pool), format.Value, disk.SizeBytes), pool);
        if (volume.Value is not { } valid)
        {
            return GuestEdit.Refused(volume.Problems, disk.Culture);
        }

        // The attach is checked as if the volume existed, so nothing is created for a refused disk.
        var planned = pool with { Volumes = [.. pool.Volumes, new PoolVolume(valid.Path, VolumeNames.LibvirtFormat(valid.Format))] };
        var withVolume = limits with { Pools = [.. limits.Pools.Select(p => p.Name == pool.Name ? planned : p)] };
        var attach = GuestDeviceBuilder.AttachDisk(persistent, new DiskAttachSpec(valid.Path, bus, cache), withVolume);
        if (attach.Value is not { } element)
        {
            return GuestEdit.Refused(attach.Problems, disk.Culture);
        }

        using var libvirtPool = g.Connection.LookupStoragePoolByName(pool.Name);
        using var created = libvirtPool.CreateVolumeXml(VolumeXmlBuilder.BuildString(valid));
        try
        {
            return Attach(g, element, disk.Culture);
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
            DiskUses.CheckAttachable(volume.Path, g.Domain.Name, g.AllDiskUses(), "Volume", problems);
        }

        if (problems.Count > 0 || volume is null)
        {
            return GuestEdit.Refused(problems, disk.Culture);
        }

        var attach = GuestDeviceBuilder.AttachDisk(persistent, new DiskAttachSpec(volume.Path, bus, cache), limits);
        return attach.Value is { } element ? Attach(g, element, disk.Culture) : GuestEdit.Refused(attach.Problems, disk.Culture);
    }

    private static ActionResult AddCdrom(GuestEdit g, GuestDiskAdd disk, DiskBus? bus, HostLimits limits, string persistent, List<ValidationProblem> problems)
    {
        string? iso = disk.Pool is null && disk.Volume is null ? null : EditRequests.Volume(disk.Pool, disk.Volume, limits, "Volume", problems)?.Path;
        var attach = GuestDeviceBuilder.AttachCdrom(persistent, new CdromAttachSpec(iso, bus), limits);
        if (problems.Count > 0 || attach.Value is not { } element)
        {
            return GuestEdit.Refused([.. problems, .. attach.Problems], disk.Culture);
        }

        return Attach(g, element, disk.Culture);
    }

    private static ActionResult Attach(GuestEdit g, XElement element, string culture)
    {
        bool live = HotPlug.DiskBus((string?)element.Element("target")?.Attribute("bus"));
        g.Domain.AttachDevice(element.ToString(), g.DeviceImpact(live));
        return g.Applied(live, culture);
    }

    /// <summary>QEMU removes a disk once the guest lets go of it; until then the file is still open.</summary>
    private static bool Released(GuestEdit g, string target)
    {
        DateTime deadline = DateTime.UtcNow + ReleaseWait;
        while (DeviceRemoval.Disk(g.Live(), target).IsValid)
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            Thread.Sleep(200);
        }

        return true;
    }

    private static LibvirtStorageVolume? VolumeAt(LibvirtConnection connection, string path)
    {
        try
        {
            return connection.LookupStorageVolumeByPath(path);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
        {
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Deleted volume {Path} removed from guest {Guest}")]
        public static partial void VolumeDeleted(ILogger logger, string path, string guest);
    }
}
