using WebVirt.Agent.Session;
using WebVirt.Agent.Storage;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
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
        foreach (string path in GuestDisks.Read(domain.Name, domain.GetXmlDesc(inactive: true)).Where(d => d.Writable).Select(d => d.Path).Distinct(StringComparer.Ordinal))
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

    private async Task RunDeleteAsync(TaskHandle task, DeletePlan plan, bool deleteDisks)
    {
        await Task.Yield();
        CancellationToken ct = lifetime.ApplicationStopping;
        string step = "stop its tasks";
        try
        {
            await task.LogAsync($"Deleting guest {plan.Name}", 5, targetUuid: plan.Uuid);

            // Whatever else acts on the guest stops first: a create or clone task would go on defining
            // or starting it, and the install-restart watcher would start it again once it is off,
            // leaving it running as a transient guest that still holds its disks.
            await guestTasks.CancelAsync(plan.Name);
            await installWatcher.ForgetAsync(plan.Uuid);

            step = "force off";
            bool? forcedOff = await session.RunAsync(c => ForceOff(c, plan.Uuid), ct);
            if (forcedOff is null)
            {
                await task.LogAsync("The guest was already gone: its cancelled task had removed it", 50);
            }
            else
            {
                if (forcedOff == true)
                {
                    await task.LogAsync("Warning: the guest was running and has been forced off", 20);
                }

                step = "undefine";
                await session.RunAsync(c => { using var d = c.LookupDomainByUuid(plan.Uuid); d.Undefine(); }, ct);
                await task.LogAsync("Guest definition removed", 50);
            }

            if (deleteDisks)
            {
                step = "delete disks";
                foreach (var disk in plan.Disks)
                {
                    string line = await session.RunAsync(c => DeleteDisk(c, disk), ct);
                    await task.LogAsync(line);
                }
            }

            await task.SucceedAsync($"Guest {plan.Name} deleted");
        }
        catch (Exception ex) when (ex is LibvirtException or LibvirtUnavailableException or OperationCanceledException)
        {
            await task.FailAsync($"Step '{step}' failed: {ex.Message}");
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

    private static string DeleteDisk(LibvirtConnection connection, StorageVolumeDto disk)
    {
        if (disk.Pool.Length == 0)
        {
            return $"Kept {disk.Path}: it is not a volume of a storage pool";
        }

        // Read again: another guest may have started using the volume since the plan was made.
        var users = VolumeUsageReader.Read(connection).UsersOf(disk.Path);
        if (users.Count > 0)
        {
            return $"Kept {disk.Path}: used by {new VolumeUserList(users)}";
        }

        try
        {
            using LibvirtStorageVolume volume = connection.LookupStorageVolumeByPath(disk.Path);
            volume.Delete();
            return $"Deleted volume {disk.Path}";
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoStorageVolume)
        {
            // A cancelled create rolls back the volume it made.
            return $"Volume {disk.Path} was already gone";
        }
    }
}
