using WebVirt.Contracts;

namespace WebVirt.Agent.Hubs;

// PLACEHOLDER: replaced by the Snapshots feature.
internal sealed partial class AgentHub
{
    public Task<IReadOnlyList<GuestSnapshotInfo>> GetGuestSnapshots(string uuid) => throw new NotImplementedException("PLACEHOLDER-Snapshots");

    public Task<ActionResult> CreateGuestSnapshot(string uuid, GuestSnapshotCreate snapshot) => throw new NotImplementedException("PLACEHOLDER-Snapshots");

    public Task<ActionResult> RevertGuestSnapshot(string uuid, string name) => throw new NotImplementedException("PLACEHOLDER-Snapshots");

    public Task<ActionResult> DeleteGuestSnapshot(string uuid, string name) => throw new NotImplementedException("PLACEHOLDER-Snapshots");
}
