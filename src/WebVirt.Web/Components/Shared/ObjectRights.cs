using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Components.Shared;

/// <summary>
/// The pages' one question before showing or enabling a button: may the user do this on this object. It is the
/// gateway's own check (<see cref="UserRights"/>, read once per page from <see cref="RightsEvaluator"/>), so a
/// user who is Operator on one guest gets that guest's buttons and no other's, whatever their global role.
/// </summary>
public static class ObjectRights
{
    public static bool MayOnGuest(this UserRights rights, Permission privilege, GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(guest);
        return rights.AllowsGuest(privilege, guest.HostId, guest.Uuid);
    }

    public static bool MayOnGuest(this UserRights rights, Permission privilege, string hostId, string uuid)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return rights.AllowsGuest(privilege, hostId, uuid);
    }

    public static bool MayOnHost(this UserRights rights, Permission privilege, string hostId)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return rights.AllowsHost(privilege, hostId);
    }

    /// <summary>A change in one pool (its actions, volumes, uploads and downloads), as the storage gateway checks it.</summary>
    public static bool MayOnPool(this UserRights rights, Permission privilege, string hostId, string pool)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return rights.AllowsPool(privilege, hostId, pool);
    }

    /// <summary>A change of one network (its actions, DHCP hosts, boot settings), as the network gateway checks it.</summary>
    public static bool MayOnNetwork(this UserRights rights, Permission privilege, string hostId, string network)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return rights.AllowsNetwork(privilege, hostId, network);
    }

    /// <summary>Stopping a task: <see cref="UserRights.AllowsStopping"/>, the rule the REST API asks too.</summary>
    public static bool MayStopTask(this UserRights rights, AgentTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(rights);
        return rights.AllowsStopping(task);
    }
}
