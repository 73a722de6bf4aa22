using System.Xml.Linq;
using WebVirt.Agent.Storage;
using WebVirt.Contracts;
using WebVirt.Domain.Devices;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;
using StoragePoolInfo = WebVirt.Domain.Validation.StoragePoolInfo;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// A guest's disks: remove (optionally deleting the volume), grow, change media, change bus/cache.
/// Disks on hot-pluggable buses change on the running guest too; everything changes in the
/// persistent definition. Adding is <see cref="GuestDiskAddService"/>.
/// </summary>
internal sealed partial class GuestDiskService(GuestEditor editor, ILogger<GuestDiskService> logger)
{
    private static readonly TimeSpan ReleaseWait = TimeSpan.FromSeconds(10);

    public Task<ActionResult> RemoveAsync(string uuid, string target, bool deleteVolume, CancellationToken ct) =>
        editor.RunAsync(uuid, "RemoveGuestDisk", g =>
        {
            var inConfig = DeviceRemoval.Disk(g.Persistent(), target);
            var inLive = g.Active ? DeviceRemoval.Disk(g.Live(), target) : null;
            XElement? element = inConfig.Value ?? inLive?.Value;
            if (element is null)
            {
                return GuestEdit.Refused(inConfig.Problems);
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

                    g.VolumeUsage().CheckDeletable(path, g.Domain.Name, "DeleteVolume", problems);
                    volume = problems.Count == 0 ? VolumeAt(g.Connection, path) : null;
                    if (problems.Count == 0 && volume is null)
                    {
                        problems.Add(EditRequests.VolumeNotInPool(path));
                    }

                    if (problems.Count > 0)
                    {
                        return GuestEdit.Refused(problems);
                    }
                }

                // A drive only in the running guest on a bus without hot-plug gets libvirt's own refusal.
                var impact = (inConfig.Value is not null ? DomainModificationImpact.Config : 0) | (unplug ? DomainModificationImpact.Live : 0);
                g.Domain.DetachDevice(element.ToString(), impact == 0 ? DomainModificationImpact.Live : impact);
                if (unplug && !Released(g, target))
                {
                    return volume is null ? g.Applied(allLive: false) : GuestEdit.AppliedWithNote(EditRequests.DiskNotReleased(target));
                }

                if (volume is not null)
                {
                    volume.Delete();
                    Log.VolumeDeleted(logger, path!, g.Domain.Name);
                }

                return g.Applied(allLive: unplug || inLive?.Value is null);
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
                return GuestEdit.Refused(file.Problems);
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
                return GuestEdit.Refused([EditRequests.VolumeNotInPool(path)]);
            }

            long current = g.Active ? (long)g.Domain.GetBlockInfo(target).CapacityBytes : (long)volume!.GetInfo().CapacityBytes;
            var resize = DiskResize.Check(target, current, newSizeBytes, pool);
            if (resize.Value is null)
            {
                return GuestEdit.Refused(resize.Problems);
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
                return GuestEdit.Refused([.. problems, .. changed.Problems]);
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
                return GuestEdit.Refused([.. problems, .. edited.Problems]);
            }

            g.Redefine(xml);
            return ActionResult.Success;
        }, ct);

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
