using WebVirt.Contracts;
using WebVirt.Web.Security;
using WebVirt.Web.Security.Rights;

namespace WebVirt.Web.Agents.Gateway;

/// <inheritdoc />
public sealed class SnapshotGateway(AgentCallPipeline pipeline) : ISnapshotGateway
{
    public Task<IReadOnlyList<GuestSnapshotInfo>> GetSnapshotsAsync(string hostId, string uuid, CancellationToken cancellationToken = default) =>
        pipeline.ReadAsync(RightsTarget.Guest(hostId, uuid), Permission.ViewInventory, call => call.Hub.GetGuestSnapshots(uuid), cancellationToken);

    public Task<ActionResult> CreateSnapshotAsync(GuestInfo guest, GuestSnapshotCreate snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Change(guest, snapshot.IncludeMemory ? "create-snapshot-with-memory" : "create-snapshot", snapshot.Name,
            call => call.Hub.CreateGuestSnapshot(guest.Uuid, snapshot), cancellationToken);
    }

    public Task<ActionResult> RevertSnapshotAsync(GuestInfo guest, string name, CancellationToken cancellationToken = default) =>
        Change(guest, "revert-snapshot", name, call => call.Hub.RevertGuestSnapshot(guest.Uuid, name), cancellationToken);

    public Task<ActionResult> DeleteSnapshotAsync(GuestInfo guest, string name, CancellationToken cancellationToken = default) =>
        Change(guest, "delete-snapshot", name, call => call.Hub.DeleteGuestSnapshot(guest.Uuid, name), cancellationToken);

    private Task<ActionResult> Change(GuestInfo guest, string action, string name, Func<AgentCall, Task<ActionResult>> call, CancellationToken cancellationToken) =>
        pipeline.ChangeAsync(AgentChange.ForGuest(guest, Permission.ManageSnapshots, action, name), call, cancellationToken);
}
