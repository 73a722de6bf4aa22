namespace WebVirt.Libvirt.Domains;

// Words for the per-state reason enums (virDomainRunningReason, virDomainPausedReason, ...),
// indexed by libvirt's values.
internal static class StateReasonNames
{
    private static readonly string[][] s_reasons =
    [
        ["unknown"],
        ["unknown", "booted", "migrated", "restored", "from-snapshot", "unpaused", "migration-canceled",
            "save-canceled", "wakeup", "crashed", "postcopy", "postcopy-failed"],
        ["unknown"],
        ["unknown", "user", "migration", "save", "dump", "ioerror", "watchdog", "from-snapshot",
            "shutting-down", "snapshot", "crashed", "starting-up", "postcopy", "postcopy-failed", "api-error"],
        ["unknown", "user"],
        ["unknown", "shutdown", "destroyed", "crashed", "migrated", "saved", "failed", "from-snapshot", "daemon"],
        ["unknown", "panicked"],
        ["unknown"],
    ];

    internal static string Name(DomainState state, int reason)
    {
        if ((int)state < 0 || (int)state >= s_reasons.Length)
        {
            return "unknown";
        }

        string[] names = s_reasons[(int)state];
        return reason >= 0 && reason < names.Length ? names[reason] : "unknown";
    }
}
