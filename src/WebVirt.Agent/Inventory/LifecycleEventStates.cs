using WebVirt.Contracts;

namespace WebVirt.Agent.Inventory;

/// <summary>
/// The state (and reason word) a guest is in after a lifecycle event, as libvirt's QEMU driver sets
/// them when it emits the event, so the new state can be pushed without reading the guest again.
/// Events that do not say the state for sure (defined, undefined, suspended to disk) give none.
/// </summary>
internal static class LifecycleEventStates
{
    public static (GuestState State, string Reason)? StateAfter(DomainLifecycleEventType type, string detail) => type switch
    {
        DomainLifecycleEventType.Started => (GuestState.Running, detail == "snapshot" ? "from-snapshot" : detail),
        DomainLifecycleEventType.Resumed => (GuestState.Running, detail == "snapshot" ? "from-snapshot" : detail),
        DomainLifecycleEventType.Suspended => (GuestState.Paused, detail switch
        {
            "paused" => "user",
            "migrated" => "migration",
            "restored" => "unknown",
            _ => detail,
        }),
        DomainLifecycleEventType.Stopped => (GuestState.ShutOff, detail == "snapshot" ? "from-snapshot" : detail),
        // QEMU has told libvirt the guest shut down; the process is still going until "stopped" follows.
        DomainLifecycleEventType.Shutdown => (GuestState.ShuttingDown, "unknown"),
        DomainLifecycleEventType.PmSuspended when detail == "memory" => (GuestState.PmSuspended, "unknown"),
        DomainLifecycleEventType.Crashed when detail == "panicked" => (GuestState.Crashed, "panicked"),
        // A crash kernel took over: the guest keeps running.
        DomainLifecycleEventType.Crashed when detail == "crashloaded" => (GuestState.Running, "crashed"),
        _ => null,
    };

    /// <summary>
    /// The CPU figure pushed with the new state, before the next poll measures one: a guest that ran
    /// and runs on keeps its last figure; one that runs again has no interval measured yet, and one
    /// that paused or stopped uses none.
    /// </summary>
    public static double? CpuPercentAfter(GuestInfo before, GuestState state) =>
        CpuUsageTracker.Shown(state, state == GuestState.Running && before.State == GuestState.Running ? before.CpuPercent : null);
}
