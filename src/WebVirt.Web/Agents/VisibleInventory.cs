using System.Runtime.CompilerServices;
using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents;

/// <summary>
/// The part of the inventory and of the tasks a user may see: guests they hold ViewInventory on, the hosts
/// they hold it on or see a guest of, tasks of those (and their own). Lists, counts, search and every page
/// that shows pushed state read through here, so a hidden guest's state never reaches their circuit.
/// A user who may see everything gets the shared snapshot itself; anyone else a filtered one, built once per
/// inventory version and rights.
/// </summary>
public static class VisibleInventory
{
    private static readonly ConditionalWeakTable<InventorySnapshot, ConditionalWeakTable<UserRights, InventorySnapshot>> Filtered = new();

    public static InventorySnapshot Of(InventorySnapshot snapshot, UserRights rights)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(rights);
        if (rights.AllowsEverywhere(Permission.ViewInventory))
        {
            return snapshot;
        }

        return Filtered.GetOrCreateValue(snapshot).GetValue(rights, held =>
        {
            var guests = snapshot.Guests.Where(guest => Sees(held, guest)).ToList();
            var hostsOfGuests = guests.Select(guest => guest.HostId).ToHashSet(StringComparer.Ordinal);
            var hosts = snapshot.Hosts.Where(host => hostsOfGuests.Contains(host.HostId) || SeesHost(held, host.HostId)).ToList();
            return new InventorySnapshot(snapshot.Version, hosts, guests.AsReadOnly());
        });
    }

    public static bool Sees(UserRights rights, GuestInfo guest)
    {
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(guest);
        return rights.AllowsGuest(Permission.ViewInventory, guest.HostId, guest.Uuid);
    }

    /// <summary>Whether the user holds a right anywhere on the host (the host itself, a pool, a network or a guest of it).</summary>
    public static bool SeesHost(UserRights rights, string hostId)
    {
        ArgumentNullException.ThrowIfNull(rights);
        var prefix = $"/hosts/{hostId}/";
        return rights.AllowsHost(Permission.ViewInventory, hostId)
            || rights.Reasons.Any(reason => reason.Path.StartsWith(prefix, StringComparison.Ordinal) && reason.Privileges.Contains(Permission.ViewInventory));
    }

    /// <summary>A task is seen by who started it, and by who may see its guest (or, for a task without one, its host).</summary>
    public static bool Sees(UserRights rights, AgentTaskInfo task)
    {
        ArgumentNullException.ThrowIfNull(rights);
        ArgumentNullException.ThrowIfNull(task);
        if (rights.AllowsEverywhere(Permission.ViewInventory) || (rights.UserName.Length > 0 && task.User == rights.UserName))
        {
            return true;
        }

        return task.TargetUuid is { } uuid
            ? rights.AllowsGuest(Permission.ViewInventory, task.HostId, uuid)
            : rights.AllowsHost(Permission.ViewInventory, task.HostId);
    }

    public static IReadOnlyList<AgentTaskInfo> Tasks(IEnumerable<AgentTaskInfo> tasks, UserRights rights) =>
        [.. tasks.Where(task => Sees(rights, task))];
}
