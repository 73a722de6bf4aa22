using WebVirt.Agent.GuestHardware;
using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

/// <summary>A guest's internal snapshots (<see cref="GuestSnapshotService"/>).</summary>
internal sealed partial class AgentHub
{
    public Task<IReadOnlyList<GuestSnapshotInfo>> GetGuestSnapshots(string uuid) =>
        Feature<GuestSnapshotService>().ListAsync(uuid, Context.ConnectionAborted);

    public Task<ActionResult> CreateGuestSnapshot(string uuid, GuestSnapshotCreate snapshot) =>
        Feature<GuestSnapshotService>().CreateAsync(uuid, snapshot, Context.ConnectionAborted);

    public Task<ActionResult> RevertGuestSnapshot(string uuid, string name) =>
        Feature<GuestSnapshotService>().RevertAsync(uuid, name, Context.ConnectionAborted);

    public Task<ActionResult> DeleteGuestSnapshot(string uuid, string name) =>
        Feature<GuestSnapshotService>().DeleteAsync(uuid, name, Context.ConnectionAborted);
}
