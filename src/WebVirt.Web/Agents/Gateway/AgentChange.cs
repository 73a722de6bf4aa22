using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>
/// A state-changing call as the pipeline checks and audits it: the <see cref="Permission"/> it needs,
/// its audit slug (<see cref="Action"/>, such as create-storage-pool), what it acts on (<see cref="Detail"/>),
/// and the guest it targets, if any, so the guest page's history can show who did what.
/// </summary>
public sealed record AgentChange(string HostId, Permission Permission, string Action, string Detail, string? GuestUuid = null, string? GuestName = null)
{
    /// <summary>What the change acts on for the rights check: a pool or network when set, else the guest, else the host.</summary>
    public RightsTarget? On { get; init; }

    public RightsTarget Target => On ?? (GuestUuid is null ? RightsTarget.Host(HostId) : RightsTarget.Guest(HostId, GuestUuid));

    public static AgentChange ForGuest(GuestInfo guest, Permission permission, string action, string detail)
    {
        ArgumentNullException.ThrowIfNull(guest);
        return new AgentChange(guest.HostId, permission, action, detail, guest.Uuid, guest.Name);
    }
}
