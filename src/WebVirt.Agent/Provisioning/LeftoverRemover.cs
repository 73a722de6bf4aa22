using WebVirt.Agent.Session;
using WebVirt.Agent.Storage;
using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Libvirt;

namespace WebVirt.Agent.Provisioning;

/// <summary>How removing one leftover went.</summary>
internal enum LeftoverOutcome
{
    /// <summary>Removed now, or it was never made.</summary>
    Removed,

    /// <summary>libvirtd is still writing it (a copy that outlived the agent); try again later.</summary>
    Busy,

    /// <summary>Removing it is not safe (a guest uses the volume, the guest runs) or libvirt refused; it stays listed.</summary>
    Kept,
}

/// <summary>
/// Removes what a failed or interrupted task made, one thing at a time, and only when no guest needs it:
/// a volume is deleted only when the disk-usage model finds no user, a guest only when it is not running.
/// </summary>
internal sealed class LeftoverRemover(LibvirtSession session)
{
    /// <summary>How it went, and the task log's line that says so.</summary>
    public Task<(LeftoverOutcome Outcome, TaskText Reason)> RemoveAsync(TaskLeftover leftover, CancellationToken ct) =>
        session.RunAsync(c => leftover.Kind == TaskLeftoverKind.Guest ? RemoveGuest(c, leftover) : RemoveVolume(c, leftover), ct);

    private static (LeftoverOutcome, TaskText) RemoveGuest(LibvirtConnection connection, TaskLeftover leftover)
    {
        string uuid = leftover.Name;
        try
        {
            using LibvirtDomain domain = connection.LookupDomainByUuid(uuid);
            if (domain.IsActive())
            {
                return (LeftoverOutcome.Kept, TaskText.Of(ErrorCodes.TaskLeftoverGuestRunning, leftover.Argument, domain.Name));
            }

            domain.Undefine();
            return (LeftoverOutcome.Removed, TaskText.Of(ErrorCodes.TaskLeftoverUndefined, leftover.Argument));
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            return (LeftoverOutcome.Removed, TaskText.Of(ErrorCodes.TaskLeftoverNotDefined, leftover.Argument));
        }
        catch (LibvirtException ex)
        {
            return (LeftoverOutcome.Kept, TaskText.Of(ErrorCodes.TaskLeftoverRefused, leftover.Argument).Because(TaskCauses.Of(ex, "clean-up")));
        }
    }

    private static (LeftoverOutcome, TaskText) RemoveVolume(LibvirtConnection connection, TaskLeftover leftover)
    {
        try
        {
            using LibvirtStoragePool pool = connection.LookupStoragePoolByName(leftover.Pool);
            using LibvirtStorageVolume volume = pool.LookupVolumeByName(leftover.Name);
            string path = volume.GetPath();
            var users = VolumeUsageReader.Read(connection).UsersOf(path);
            if (users.Count > 0)
            {
                return (LeftoverOutcome.Kept, TaskText.Of(ErrorCodes.TaskLeftoverInUse, leftover.Argument, string.Join(", ", users.Select(u => u.Guest).Distinct(StringComparer.Ordinal))));
            }

            volume.Delete();
            return (LeftoverOutcome.Removed, TaskText.Of(ErrorCodes.TaskLeftoverDeleted, leftover.Argument));
        }
        catch (LibvirtException ex) when (ex.Code is LibvirtErrorCodes.NoStorageVolume)
        {
            return (LeftoverOutcome.Removed, TaskText.Of(ErrorCodes.TaskLeftoverNotMade, leftover.Argument));
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.OperationInvalid && ex.Message.Contains("being allocated", StringComparison.Ordinal))
        {
            // virStorageVolCreateXMLFrom runs inside libvirtd and cannot be aborted; the volume can go once the copy ends.
            return (LeftoverOutcome.Busy, TaskText.Of(ErrorCodes.TaskLeftoverBusy, leftover.Argument));
        }
        catch (LibvirtException ex)
        {
            return (LeftoverOutcome.Kept, TaskText.Of(ErrorCodes.TaskLeftoverRefused, leftover.Argument).Because(TaskCauses.Of(ex, "clean-up")));
        }
    }
}
