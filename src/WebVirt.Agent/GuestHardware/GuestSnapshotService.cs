using WebVirt.Agent.Guests;
using WebVirt.Contracts;
using WebVirt.Domain.GuestPage;
using WebVirt.Domain.Snapshots;
using WebVirt.Libvirt;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// Internal qcow2 snapshots: a running guest's includes its memory, so reverting to it resumes the
/// guest where it was; a shut-off guest's holds its disks only. A running guest's file systems are
/// frozen by its guest agent while the snapshot is taken, so the disks in it are clean on their own
/// (a copy or clone of them needs no journal replay); without an agent the snapshot is taken anyway
/// and the result says so.
/// </summary>
/// <remarks>
/// libvirt's VIR_DOMAIN_SNAPSHOT_CREATE_QUIESCE works only for disk-only (external) snapshots, so
/// the freeze and thaw are asked around the internal snapshot here. The snapshot's memory then holds
/// a frozen guest, which is why reverting to a running snapshot thaws it again.
/// </remarks>
internal sealed partial class GuestSnapshotService(GuestEditor editor, ILogger<GuestSnapshotService> logger)
{
    // How long a revert waits for the reverted guest's agent to take the thaw, and how often it asks.
    private static readonly TimeSpan ThawPatience = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ThawRetry = TimeSpan.FromMilliseconds(250);

    private enum ThawOutcome
    {
        Done,
        NotYet,
    }

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

            if (!g.Active)
            {
                using LibvirtDomainSnapshot offline = g.Domain.CreateSnapshotXml(valid, SnapshotCreateFlags.Atomic);
                return ActionResult.Success;
            }

            return CreateFrozen(g.Domain, uuid, valid);
        }, ct);

    public async Task<ActionResult> RevertAsync(string uuid, string name, CancellationToken ct)
    {
        bool running = false;
        ActionResult result = await editor.RunAsync(uuid, "RevertGuestSnapshot", g =>
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
            running = flags == SnapshotRevertFlags.Running;
            return ActionResult.Success;
        }, ct);

        if (result.Ok && running)
        {
            await ThawAfterRevertAsync(uuid, ct);
        }

        return result;
    }

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

    private ActionResult CreateFrozen(LibvirtDomain domain, string uuid, string xml)
    {
        // Paused guests cannot run their agent, and a guest without one cannot freeze.
        if (domain.GetState().State != DomainState.Running || !GuestAgentService.IsConnected(domain))
        {
            using LibvirtDomainSnapshot unfrozen = domain.CreateSnapshotXml(xml, SnapshotCreateFlags.Atomic);
            Log.NotFrozen(logger, uuid, "no guest agent");
            return ActionResult.Succeeded(AgentText.Of(ErrorCodes.SnapshotNotFrozenNoAgent));
        }

        int frozen;
        try
        {
            frozen = domain.FreezeFileSystems();
        }
        catch (LibvirtException ex) when (ex.Code != LibvirtErrorCodes.NoDomain)
        {
            using LibvirtDomainSnapshot unfrozen = domain.CreateSnapshotXml(xml, SnapshotCreateFlags.Atomic);
            Log.NotFrozen(logger, uuid, ex.Message);
            return ActionResult.Succeeded(AgentText.Of(ErrorCodes.SnapshotNotFrozenFreezeFailed, ex.Message));
        }

        try
        {
            using LibvirtDomainSnapshot taken = domain.CreateSnapshotXml(xml, SnapshotCreateFlags.Atomic);
        }
        finally
        {
            Thaw(domain, uuid);
        }

        Log.Frozen(logger, uuid, frozen);
        return ActionResult.Succeeded(AgentText.Of(ErrorCodes.SnapshotFrozen, frozen.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// The guest came back as it was in the snapshot: frozen, when its agent froze it for the snapshot.
    /// Right after the revert libvirt does not yet see the agent's port connected (and the agent may not
    /// answer yet), so the thaw is tried again for a while; thawing a guest that is not frozen changes nothing.
    /// </summary>
    private async Task ThawAfterRevertAsync(string uuid, CancellationToken ct)
    {
        DateTime deadline = DateTime.UtcNow + ThawPatience;
        string? error = null;
        try
        {
            while (true)
            {
                (ThawOutcome outcome, error) = await editor.ReadAsync(uuid, g => TryThaw(g.Domain), ct);
                if (outcome != ThawOutcome.NotYet || DateTime.UtcNow >= deadline)
                {
                    break;
                }

                await Task.Delay(ThawRetry, ct);
            }
        }
        catch (LibvirtException ex) when (ex.Code == LibvirtErrorCodes.NoDomain)
        {
            // The guest went away meanwhile: nothing is left to thaw.
            return;
        }

        if (error is not null)
        {
            Log.ThawFailed(logger, uuid, error);
        }
    }

    private static (ThawOutcome Outcome, string? Error) TryThaw(LibvirtDomain domain)
    {
        if (!domain.IsActive())
        {
            return (ThawOutcome.Done, null);
        }

        switch (GuestAgentChannel.Read(domain.GetXmlDesc()))
        {
            case GuestAgentChannelState.Absent:
                return (ThawOutcome.Done, null);
            case GuestAgentChannelState.Disconnected:
                return (ThawOutcome.NotYet, "the guest agent is not connected");
        }

        try
        {
            domain.ThawFileSystems();
            return (ThawOutcome.Done, null);
        }
        catch (LibvirtException ex) when (ex.Code != LibvirtErrorCodes.NoDomain)
        {
            return (ThawOutcome.NotYet, ex.Message);
        }
    }

    private void Thaw(LibvirtDomain domain, string uuid)
    {
        try
        {
            domain.ThawFileSystems();
        }
        catch (LibvirtException ex) when (ex.Code != LibvirtErrorCodes.NoDomain)
        {
            // The snapshot's outcome stands; the agent itself thaws after its freeze timeout.
            Log.ThawFailed(logger, uuid, ex.Message);
        }
    }

    private static string[] Names(LibvirtDomain domain) =>
        [.. domain.ListAllSnapshots().Select(s => { using (s) { return s.Name; } })];

    private static partial class Log
    {
        [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Snapshot of guest {Uuid} taken with {Count} file systems frozen by the guest agent")]
        public static partial void Frozen(ILogger logger, string uuid, int count);

        [LoggerMessage(EventId = 7102, Level = LogLevel.Information, Message = "Snapshot of guest {Uuid} taken without freezing file systems: {Reason}")]
        public static partial void NotFrozen(ILogger logger, string uuid, string reason);

        [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Thawing the file systems of guest {Uuid} failed: {Message}")]
        public static partial void ThawFailed(ILogger logger, string uuid, string message);
    }
}
