using WebVirt.Agent.Session;
using WebVirt.Agent.Storage;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Domain.Definition;
using WebVirt.Domain.Storage;
using WebVirt.Domain.Validation;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Provisioning;

/// <summary>
/// Deleting a guest: the plan shows its disks with every other guest that uses them (also through a
/// backing file), and the task stops all other work on the guest, forces it off, undefines it and
/// deletes the disks no other guest uses.
/// </summary>
internal sealed partial class ProvisioningService
{
    public async Task<DeletePlan> GetDeletePlanAsync(string uuid, CancellationToken ct)
    {
        if (!UuidRules.IsValid(uuid))
        {
            return new DeletePlan(uuid, "", false, [], Failure.Of(ErrorCodes.GuestUuidInvalid, uuid));
        }

        return await session.RunAsync(c => PlanDelete(c, uuid), ct);
    }

    public async Task<ProvisioningResult> DeleteAsync(DeleteGuestRequest request, CancellationToken ct)
    {
        var plan = await GetDeletePlanAsync(request.Uuid, ct);
        if (plan.Error is { } failure)
        {
            return ProvisioningResult.Fail(failure);
        }

        if (!string.Equals(request.ConfirmName, plan.Name, StringComparison.Ordinal))
        {
            return ProvisioningResult.Fail(ErrorCodes.GuestConfirmMismatch, plan.Name);
        }

        var task = await tasks.StartAsync("delete", plan.Name, request.RequestedBy);
        Track(RunDeleteAsync(task, plan, request.DeleteDisks));
        return ProvisioningResult.Started(task.Id);
    }

    private static DeletePlan PlanDelete(LibvirtConnection connection, string uuid)
    {
        using LibvirtDomain domain = connection.LookupDomainByUuid(uuid);
        var usage = VolumeUsageReader.Read(connection);
        var disks = new List<StorageVolumeDto>();
        foreach (string path in DeletablePaths(domain))
        {
            try
            {
                using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(path);
                using LibvirtStoragePool pool = LibvirtStoragePool.LookupByVolume(volume);
                disks.Add(HostLimitsReader.ToDto(pool.Name, volume, usage, exceptGuest: domain.Name));
            }
            catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
            {
                // Not a volume of any pool: listed with no pool, and never deleted.
                var others = usage.UsersOf(path, domain.Name);
                disks.Add(new StorageVolumeDto(
                    "", Path.GetFileName(path), path, "", 0, 0, [.. others.Select(u => u.Guest)], [.. others.Where(u => u.ThroughBacking).Select(u => u.Guest)]));
            }
        }

        return new DeletePlan(uuid, domain.Name, domain.IsActive(), disks);
    }

    /// <summary>The guest's writable disks, and its cloud-init seed, which only it ever uses (the live one too: a running guest may still hold it).</summary>
    private static IEnumerable<string> DeletablePaths(LibvirtDomain domain)
    {
        var paths = GuestDisks.Read(domain.Name, domain.GetXmlDesc(inactive: true)).Where(d => d.Writable).Select(d => d.Path).ToList();
        foreach (string xml in domain.IsActive() ? [domain.GetXmlDesc(inactive: true), domain.GetXmlDesc()] : new[] { domain.GetXmlDesc(inactive: true) })
        {
            if (CloudSeedXml.FindSeed(System.Xml.Linq.XDocument.Parse(xml), domain.Name) is { } seed)
            {
                paths.Add(CloudSeedXml.PathOf(seed));
            }
        }

        return paths.Distinct(StringComparer.Ordinal);
    }

    private async Task RunDeleteAsync(TaskHandle task, DeletePlan plan, bool deleteDisks)
    {
        await Task.Yield();
        CancellationToken ct = lifetime.ApplicationStopping;
        string step = ErrorCodes.TaskFailedStopTasks;
        try
        {
            await task.LogAsync(TaskText.Of(ErrorCodes.TaskDeleting, plan.Name), 5, targetUuid: plan.Uuid);

            // Whatever else acts on the guest stops first: a create or clone task would go on defining
            // or starting it, and the install-restart watcher would start it again once it is off,
            // leaving it running as a transient guest that still holds its disks.
            await guestTasks.CancelAsync(plan.Name);
            await installWatcher.ForgetAsync(plan.Uuid);

            step = ErrorCodes.TaskFailedForceOff;
            bool? forcedOff = await session.RunAsync(c => ForceOff(c, plan.Uuid), ct);
            if (forcedOff is null)
            {
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskAlreadyGone), 50);
            }
            else
            {
                if (forcedOff == true)
                {
                    await task.LogAsync(TaskText.Of(ErrorCodes.TaskForcedOff), 20);
                }

                step = ErrorCodes.TaskFailedUndefine;
                await session.RunAsync(c => { using var d = c.LookupDomainByUuid(plan.Uuid); d.Undefine(); }, ct);
                await task.LogAsync(TaskText.Of(ErrorCodes.TaskUndefined), 50);
            }

            if (deleteDisks)
            {
                step = ErrorCodes.TaskFailedDeleteDisks;
                foreach (var disk in plan.Disks)
                {
                    TaskText line = await session.RunAsync(c => DeleteDisk(c, disk), ct);
                    await task.LogAsync(line);
                }
            }

            await task.SucceedAsync(TaskText.Of(ErrorCodes.TaskDeleted, plan.Name));
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or OperationCanceledException)
        {
            await task.FailAsync(TaskText.Of(step).Because(TaskCauses.Of(ex, "delete")));
            Log.TaskFailed(logger, "delete", plan.Name, step, ex.Message);
        }
    }

    /// <summary>Forces the guest off: true when it was running, false when it was off, null when it no longer exists.</summary>
    private static bool? ForceOff(LibvirtConnection connection, string uuid)
    {
        try
        {
            using var domain = connection.LookupDomainByUuid(uuid);
            if (!domain.IsActive())
            {
                return false;
            }

            domain.Destroy();
            return true;
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return null;
        }
    }

    private static TaskText DeleteDisk(LibvirtConnection connection, StorageVolumeDto disk)
    {
        if (disk.Pool.Length == 0)
        {
            return TaskText.Of(ErrorCodes.TaskDiskOutsidePools, disk.Path);
        }

        // Read again: another guest may have started using the volume since the plan was made.
        var users = VolumeUsageReader.Read(connection).UsersOf(disk.Path);
        if (users.Count > 0)
        {
            return TaskText.Of(ErrorCodes.TaskDiskInUse, disk.Path, GuestUsersArgument.Encode(users.Select(u => (u.Guest, u.ThroughBacking))));
        }

        try
        {
            using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(disk.Path);
            volume.Delete();
            return TaskText.Of(ErrorCodes.TaskDiskDeleted, disk.Path);
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
        {
            // A cancelled create rolls back the volume it made.
            return TaskText.Of(ErrorCodes.TaskDiskGone, disk.Path);
        }
    }
}
