namespace WebVirt.Libvirt.Domains;

// Words for virDomainEventType and its per-event detail enums (virDomainEvent*DetailType),
// indexed by libvirt's values.
internal static class LifecycleNames
{
    private static readonly string[] s_events =
        ["defined", "undefined", "started", "suspended", "resumed", "stopped", "shutdown", "pmsuspended", "crashed"];

    private static readonly string[][] s_details =
    [
        ["added", "updated", "renamed", "snapshot"],
        ["removed", "renamed"],
        ["booted", "migrated", "restored", "snapshot", "wakeup"],
        ["paused", "migrated", "ioerror", "watchdog", "restored", "snapshot", "api-error", "postcopy", "postcopy-failed"],
        ["unpaused", "migrated", "snapshot", "postcopy", "postcopy-failed"],
        ["shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "snapshot"],
        ["finished", "guest", "host"],
        ["memory", "disk"],
        ["panicked", "crashloaded"],
    ];

    internal static string EventName(DomainLifecycleEventType type) =>
        (int)type >= 0 && (int)type < s_events.Length ? s_events[(int)type] : "unknown";

    internal static string DetailName(DomainLifecycleEventType type, int detail)
    {
        if ((int)type < 0 || (int)type >= s_details.Length)
        {
            return "unknown";
        }

        string[] names = s_details[(int)type];
        return detail >= 0 && detail < names.Length ? names[detail] : "unknown";
    }
}
