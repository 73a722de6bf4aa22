using System.Collections.Concurrent;
using WebVirt.Contracts;

namespace WebVirt.Web.Tests.Infrastructure;

/// <summary>
/// The guests' snapshots as the fake agent keeps them, with libvirt's rules for the tree: a new
/// snapshot's parent is the current one and it becomes current; revert makes its target current;
/// delete hands the children to the parent.
/// </summary>
public sealed class FakeSnapshotState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, List<GuestSnapshotInfo>> _byGuest = new(StringComparer.Ordinal);

    /// <summary>Every change in order: the hub method, the guest and its argument.</summary>
    public ConcurrentQueue<(string Method, string Uuid, object Argument)> Calls { get; } = new();

    /// <summary>Answered instead of applying the change when it is a failure.</summary>
    public ActionResult NextResult { get; set; } = ActionResult.Success;

    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>What a successful change says besides (the agent's note that a snapshot was taken without freezing file systems, say).</summary>
    public AgentText? NextNotice { get; set; }

    public IReadOnlyList<GuestSnapshotInfo> Of(string uuid)
    {
        lock (_gate)
        {
            return _byGuest.TryGetValue(uuid, out var list) ? [.. list] : [];
        }
    }

    public void Set(string uuid, IEnumerable<GuestSnapshotInfo> snapshots)
    {
        lock (_gate)
        {
            _byGuest[uuid] = [.. snapshots];
        }
    }

    /// <summary>Applies <paramref name="change"/> to the guest's list; null from it means libvirt would refuse.</summary>
    internal ActionResult Change(string method, string uuid, object argument, Func<List<GuestSnapshotInfo>, List<GuestSnapshotInfo>?> change)
    {
        Calls.Enqueue((method, uuid, argument));
        if (!NextResult.Ok)
        {
            return NextResult;
        }

        lock (_gate)
        {
            var current = _byGuest.TryGetValue(uuid, out var list) ? list : [];
            if (change([.. current]) is not { } changed)
            {
                return ActionResult.Fail("VIR_ERR_OPERATION_INVALID", $"{method} refused for guest {uuid}: {argument}");
            }

            _byGuest[uuid] = changed;
            return NextNotice is { } notice ? ActionResult.Succeeded(notice) : ActionResult.Success;
        }
    }
}

public sealed partial class FakeAgentState
{
    public FakeSnapshotState Snapshots { get; } = new();
}

public sealed partial class FakeAgentHub
{
    public Task<IReadOnlyList<GuestSnapshotInfo>> GetGuestSnapshots(string uuid) => Task.FromResult(state.Snapshots.Of(uuid));

    public Task<ActionResult> CreateGuestSnapshot(string uuid, GuestSnapshotCreate snapshot)
    {
        var running = state.Guests.TryGetValue(uuid, out var guest) && guest.State == GuestState.Running;
        var at = state.Snapshots.Clock.GetUtcNow();
        return Task.FromResult(state.Snapshots.Change(nameof(CreateGuestSnapshot), uuid, snapshot, list =>
        {
            if (snapshot.Name.Length == 0 || list.Any(s => s.Name == snapshot.Name))
            {
                return null;
            }

            var parent = list.FirstOrDefault(s => s.IsCurrent)?.Name;
            return [.. list.Select(s => s with { IsCurrent = false }),
                new GuestSnapshotInfo(snapshot.Name, snapshot.Description, at, running ? "running" : "shutoff", parent, true, running && snapshot.IncludeMemory)];
        }));
    }

    public Task<ActionResult> RevertGuestSnapshot(string uuid, string name) =>
        Task.FromResult(state.Snapshots.Change(nameof(RevertGuestSnapshot), uuid, name, list =>
            list.Any(s => s.Name == name) ? [.. list.Select(s => s with { IsCurrent = s.Name == name })] : null));

    public Task<ActionResult> DeleteGuestSnapshot(string uuid, string name) =>
        Task.FromResult(state.Snapshots.Change(nameof(DeleteGuestSnapshot), uuid, name, list =>
        {
            if (list.FirstOrDefault(s => s.Name == name) is not { } deleted)
            {
                return null;
            }

            return [.. list.Where(s => s.Name != name).Select(s => s with
            {
                Parent = s.Parent == name ? deleted.Parent : s.Parent,
                IsCurrent = s.IsCurrent || (deleted.IsCurrent && s.Name == deleted.Parent),
            })];
        }));
}
