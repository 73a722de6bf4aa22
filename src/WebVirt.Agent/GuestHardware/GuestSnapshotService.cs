using WebVirt.Contracts;
using WebVirt.Domain.Snapshots;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// Internal qcow2 snapshots: a running guest's includes its memory, so reverting to it resumes the
/// guest where it was; a shut-off guest's holds its disks only.
/// </summary>
internal sealed class GuestSnapshotService(GuestEditor editor)
{
    public Task<IReadOnlyList<GuestSnapshotInfo>> ListAsync(string uuid, CancellationToken ct) =>
        editor.ReadAsync<IReadOnlyList<GuestSnapshotInfo>>(uuid, g =>
        {
            var result = new List<GuestSnapshotInfo>();
            foreach (LibvirtDomainSnapshot snapshot in g.Domain.ListAllSnapshots(SnapshotListFlags.Topological))
            {
                using (snapshot)
                {
                    SnapshotView view = SnapshotXml.Read(snapshot.GetXmlDesc());
                    result.Add(new GuestSnapshotInfo(view.Name, view.Description, view.CreatedAt, view.State, view.Parent, snapshot.IsCurrent(), view.HasMemory));
                }
            }

            return result;
        }, ct);

    public Task<ActionResult> CreateAsync(string uuid, GuestSnapshotCreate snapshot, CancellationToken ct) =>
        editor.RunAsync(uuid, "CreateGuestSnapshot", g =>
        {
            var xml = SnapshotXml.Build(
                g.Active ? g.Live() : g.Persistent(), new SnapshotSpec(snapshot.Name, snapshot.Description, snapshot.IncludeMemory), g.Active, Names(g.Domain));
            if (xml.Value is not { } valid)
            {
                return GuestEdit.Refused(xml.Problems);
            }

            using LibvirtDomainSnapshot _ = g.Domain.CreateSnapshotXml(valid, SnapshotCreateFlags.Atomic);
            return ActionResult.Success;
        }, ct);

    public Task<ActionResult> RevertAsync(string uuid, string name, CancellationToken ct) =>
        editor.RunAsync(uuid, "RevertGuestSnapshot", g =>
        {
            var known = SnapshotXml.CheckExisting(name, Names(g.Domain));
            if (!known.IsValid)
            {
                return GuestEdit.Refused(known.Problems);
            }

            using LibvirtDomainSnapshot snapshot = g.Domain.LookupSnapshotByName(name);

            // The guest comes back in the state it was in: running or paused with its memory, else off.
            SnapshotRevertFlags flags = SnapshotXml.Read(snapshot.GetXmlDesc()).State switch
            {
                "running" => SnapshotRevertFlags.Running,
                "paused" => SnapshotRevertFlags.Paused,
                _ => SnapshotRevertFlags.None,
            };
            snapshot.Revert(flags);
            return ActionResult.Success;
        }, ct);

    public Task<ActionResult> DeleteAsync(string uuid, string name, CancellationToken ct) =>
        editor.RunAsync(uuid, "DeleteGuestSnapshot", g =>
        {
            var known = SnapshotXml.CheckExisting(name, Names(g.Domain));
            if (!known.IsValid)
            {
                return GuestEdit.Refused(known.Problems);
            }

            // Without the Children flag libvirt keeps the children and hands them to this one's parent.
            using LibvirtDomainSnapshot snapshot = g.Domain.LookupSnapshotByName(name);
            snapshot.Delete(SnapshotDeleteFlags.None);
            return ActionResult.Success;
        }, ct);

    private static string[] Names(LibvirtDomain domain) =>
        [.. domain.ListAllSnapshots().Select(s => { using (s) { return s.Name; } })];
}
