namespace WebVirt.Contracts;

/// <summary>A guest's snapshots (internal, qcow2).</summary>
public partial interface IAgentHub
{
    /// <summary>Every snapshot, parents before children; build the tree from <see cref="GuestSnapshotInfo.Parent"/>.</summary>
    Task<IReadOnlyList<GuestSnapshotInfo>> GetGuestSnapshots(string uuid);

    Task<ActionResult> CreateGuestSnapshot(string uuid, GuestSnapshotCreate snapshot);

    /// <summary>Returns the guest to the snapshot; what happened since it was taken is lost.</summary>
    Task<ActionResult> RevertGuestSnapshot(string uuid, string name);

    /// <summary>Deletes the snapshot; its children are kept (re-parented by libvirt).</summary>
    Task<ActionResult> DeleteGuestSnapshot(string uuid, string name);
}
