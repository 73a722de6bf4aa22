using WebVirt.Contracts;

namespace WebVirt.Web.Agents.Gateway;

/// <summary>A guest's snapshots: <c>IAgentHub.Snapshots</c>.</summary>
public interface ISnapshotGateway
{
    Task<IReadOnlyList<GuestSnapshotInfo>> GetSnapshotsAsync(string hostId, string uuid, CancellationToken cancellationToken = default);

    Task<ActionResult> CreateSnapshotAsync(GuestInfo guest, GuestSnapshotCreate snapshot, CancellationToken cancellationToken = default);

    Task<ActionResult> RevertSnapshotAsync(GuestInfo guest, string name, CancellationToken cancellationToken = default);

    Task<ActionResult> DeleteSnapshotAsync(GuestInfo guest, string name, CancellationToken cancellationToken = default);
}
